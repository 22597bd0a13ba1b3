/**
 * `dnh monitor`: watch a Drift account read-only and warn before it is liquidated.
 *   dnh monitor --rpc URL --authority PUBKEY [--subaccount 0]   a real account (never loads a keypair)
 *   dnh monitor --demo                                           the local world with a scripted price path
 *   ... --once --json                                            print one snapshot and exit
 * Without --once it serves the dashboard on http://127.0.0.1:PORT/ and logs (pino JSON) on stderr.
 */
import { fixed, money } from '../../engine/format/number.js';
import { parseArgs } from 'node:util';
import { UsageError } from '../../engine/errors.js';
import type { Logger } from 'pino';
import { positiveInt, parseFlags } from './flags.js';
import type { CliIo, Command } from './io.js';
import { MONITOR_OPTIONS } from './specs/drift.js';
import { createLogger, newRunId, redactRpcUrl } from '../monitor/log.js';
import type { Monitor } from '../monitor/monitor.js';
import type { SnapshotMessage } from '../monitor/schema.js';
import { startMonitorServer } from '../monitor/server.js';

const OPTIONS = MONITOR_OPTIONS;

export const monitorCommand: Command = async (argv, io) => {
  const { values: v } = parseFlags(() => parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }), 'monitor');
  if (v.demo && (v.rpc || v.authority)) throw new UsageError('--demo runs the local world: drop --rpc/--authority (see dnh monitor --help)');
  if (!v.demo && !(v.rpc && v.authority)) throw new UsageError('need --rpc URL and --authority PUBKEY, or --demo (see dnh monitor --help)');
  if (v.json && !v.once) throw new UsageError('--json needs --once (the live stream is on the WebSocket)');
  const subAccountId = v.subaccount === undefined ? 0 : positiveInt('--subaccount', v.subaccount);
  const port = v.port === undefined ? 8787 : positiveInt('--port', v.port);
  const intervalMs = v['interval-ms'] === undefined ? (v.demo ? 1000 : 400) : positiveInt('--interval-ms', v['interval-ms']);
  if (intervalMs < 50) throw new UsageError(`--interval-ms: expected at least 50, got ${intervalMs}`);
  const runId = newRunId();
  const logger = createLogger(runId, { level: v['log-level'] ?? 'info' });
  if (v.rpc !== undefined) {
    try {
      new URL(v.rpc);
    } catch {
      throw new UsageError(`--rpc: "${v.rpc}" is not a URL`);
    }
  }
  try {
    return v.demo ? await demo({ once: !!v.once, json: !!v.json, port, intervalMs }, logger, runId, io) : await live({ rpc: v.rpc!, authority: v.authority!, subAccountId, once: !!v.once, json: !!v.json, port, intervalMs }, logger, runId, io);
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'DriftUserNotFoundError' || name === 'RpcUnavailableError') {
      logger.error({ err: (e as Error).message }, name);
      io.err(`dnh monitor: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
};

interface RunFlags { once: boolean; json: boolean; port: number; intervalMs: number }

function printOnce(s: SnapshotMessage | null, json: boolean, io: CliIo): number {
  if (s === null) throw new Error('no snapshot');
  if (json) io.out(JSON.stringify(s) + '\n');
  else {
    const f = s.figures;
    io.out(`${s.account.label} ${s.account.user}\n`);
    io.out(f ? `health ${f.health}  total collateral ${money(f.totalCollateral)}  free ${money(f.freeCollateral)}  leverage ${fixed(f.leverage, 2)}x  liquidatable ${f.canBeLiquidated}\n` : `figures unavailable: ${s.error}\n`);
    for (const p of s.positions) io.out(`  ${p.market.padEnd(12)} ${p.side.padEnd(5)} ${String(p.size).padStart(14)}  oracle ${p.oraclePrice}  liq ${p.liquidationPrice ?? '–'}\n`);
  }
  return 0;
}

/** Serve the dashboard and run `tick` every interval until SIGINT/SIGTERM. */
async function serve(monitor: Monitor, flags: RunFlags, logger: Logger, io: CliIo, tick: () => Promise<unknown>): Promise<number> {
  const server = await startMonitorServer({ monitor, logger, port: flags.port });
  io.err(`dnh monitor: dashboard on ${server.url} (Ctrl-C to stop)\n`);
  let stopped = false;
  const stop = (signal: string): void => {
    logger.info({ signal }, 'stopping');
    stopped = true;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  while (!stopped) {
    try {
      await tick();
    } catch (e) {
      logger.error({ err: (e as Error).message, name: (e as Error).name }, 'poll failed; retrying next interval');
    }
    await new Promise((r) => setTimeout(r, flags.intervalMs));
  }
  await server.close();
  logger.info('stopped');
  return 0;
}

async function demo(flags: RunFlags, logger: Logger, runId: string, io: CliIo): Promise<number> {
  const { startDemo } = await import('../monitor/demo.js');
  const d = await startDemo({ logger, runId });
  if (flags.once) return printOnce(d.monitor.current, flags.json, io);
  return serve(d.monitor, flags, logger, io, () => d.step());
}

async function live(flags: RunFlags & { rpc: string; authority: string; subAccountId: number }, logger: Logger, runId: string, io: CliIo): Promise<number> {
  const { Connection } = await import('@solana/web3.js');
  const { BulkAccountLoader } = await import('@drift-labs/sdk');
  const { DriftAccountReader } = await import('../../engine/drift/reader.js');
  const { Monitor } = await import('../monitor/monitor.js');
  logger.info({ rpc: redactRpcUrl(flags.rpc), authority: flags.authority, subAccountId: flags.subAccountId }, 'opening Drift account (read-only)');
  const connection = new Connection(flags.rpc, 'confirmed');
  const accountLoader = new BulkAccountLoader(connection, 'confirmed', 0);
  const ports = {
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    now: () => Date.now(),
    onRetry: (e: { what: string; attempt: number; delayMs: number; error: unknown }) => logger.warn({ what: e.what, attempt: e.attempt, delayMs: e.delayMs, err: (e.error as Error)?.message }, 'RPC read failed; retrying'),
  };
  const reader = await DriftAccountReader.open({ connection, authority: flags.authority, subAccountId: flags.subAccountId, accountLoader, ports, nowUnix: () => Math.floor(Date.now() / 1000) });
  const monitor = new Monitor({ source: reader, clock: { now: () => Date.now() }, runId, logger });
  await monitor.poll();
  try {
    if (flags.once) return printOnce(monitor.current, flags.json, io);
    return await serve(monitor, flags, logger, io, () => monitor.poll());
  } finally {
    await reader.close();
  }
}
