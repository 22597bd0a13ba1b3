/**
 * `dnh live`'s RPC path refuses without the program binaries (runs everywhere): without a gate pass
 * from `requirePassingGate` (a forged or expired one) it stops before the key file is read or the
 * connection is touched; a key that is not the configuration's account stops before connecting; on
 * the account-only local world (real decoded Drift accounts, no program), the kill switch, a stale
 * oracle and an order over the configuration's maximum notional are refused at send time, before
 * anything is journaled, each naming its limit and value. No form of the key's secret is printed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keypair } from '@solana/web3.js';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { KeypairFileError, SafetyRefusedError } from '../../../engine/drift/write/errors.js';
import type { GatePass } from '../../../engine/drift/write/gate.js';
import type { DriftWriteCommand } from '../../../engine/drift/write/validate.js';
import { createWorldLoader } from '../../../harness/chain/loader.js';
import { startWorld } from '../../../harness/chain/world.js';
import { runAndPrint } from '../../../harness/live/cli.js';
import { runLive, type LiveDeps, type LiveRequest } from '../../../harness/live/run.js';
import { cli } from '../../helpers/cli.js';
import { configFor, keyFile, passFor } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-live-refuse-'));
afterAll(() => rmSync(dir, { recursive: true }));
const NOW = 1_704_067_200_000;

/** A connection that records every call and answers none. */
function untouchable(): { connection: never; calls: string[] } {
  const calls: string[] = [];
  const connection = new Proxy({}, { get: (_t, p) => { calls.push(String(p)); return () => Promise.reject(new Error('no network in this test')); } });
  return { connection: connection as never, calls };
}

describe('dnh live RPC path: refusals before the key or the network', () => {
  const kp = Keypair.fromSeed(new Uint8Array(32).fill(7));
  const { config, hash } = configFor(kp.publicKey.toBase58());
  const req = (pass: GatePass, keypairPath: string): LiveRequest => ({ cmd: { type: 'DEPOSIT', amount: 1_000000n }, keypairPath, config, pass, subAccount: 0, marketIndex: 0, journalDir: join(dir, 'j0'), key: 'k', killSwitch: join(dir, 'KILL0'), simulateOnly: false });

  it('a forged or expired gate pass refuses before the key file is read and before any RPC call', async () => {
    const { connection, calls } = untouchable();
    const deps: LiveDeps = { connection, sleep: async () => {}, nowMs: () => NOW };
    const forged = { configId: config.name, rehearsal: false, validUntilMs: Number.POSITIVE_INFINITY };
    const e1 = await runLive(req(forged, join(dir, 'absent.json')), deps).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(SafetyRefusedError);
    expect((e1 as SafetyRefusedError).message).toMatch(/refused by pre-live-gate: no gate pass/);
    const pass = passFor(config, hash, NOW - 169 * 3600e3); // the bundled configuration allows 168 h
    const e2 = await runLive(req(pass, join(dir, 'absent.json')), deps).catch((e: unknown) => e);
    expect((e2 as SafetyRefusedError).message).toMatch(/gate pass for configuration conservative expired/);
    expect(calls).toEqual([]);
    expect(existsSync(join(dir, 'j0'))).toBe(false);
  });

  it('with a valid pass: an unreadable key file, then a key that is not the configuration account, both before any RPC call', async () => {
    const { connection, calls } = untouchable();
    const deps: LiveDeps = { connection, sleep: async () => {}, nowMs: () => NOW };
    const pass = passFor(config, hash, NOW);
    expect(await runLive(req(pass, join(dir, 'absent.json')), deps).catch((e: unknown) => e)).toBeInstanceOf(KeypairFileError);
    const other = keyFile(dir, Keypair.fromSeed(new Uint8Array(32).fill(8)));
    const e = (await runLive(req(pass, other.path), deps).catch((x: unknown) => x)) as SafetyRefusedError;
    expect(e.gate).toBe('account');
    expect(e.message).toMatch(/is not the configuration's authority/);
    expect(calls).toEqual([]);
  });
});

describe('dnh live RPC path on the account-only world: limits and the kill switch at send time', () => {
  it('kill switch, stale oracle, notional over the limit: refused naming the limit and value, nothing journaled, the secret never printed', async () => {
    const world = await startWorld();
    const demo = Keypair.fromSeed(new Uint8Array(32).fill(1)); // the world's `demo` user (harness/chain/spec.ts): short 40 SOL
    const key = keyFile(dir, demo);
    const { config, hash } = configFor(demo.publicKey.toBase58());
    const nowMs = () => world.now().unixTs * 1000;
    const deps: LiveDeps = { connection: world.connection as never, accountLoader: await createWorldLoader(world.connection), programId: world.programId, sleep: async () => {}, nowMs };
    const journalDir = join(dir, 'j1');
    const kill = join(dir, 'KILL1');
    const req = (k: string, cmd: DriftWriteCommand): LiveRequest => ({ cmd, keypairPath: key.path, config, pass: passFor(config, hash, nowMs()), subAccount: 0, marketIndex: 0, journalDir, key: k, killSwitch: kill, simulateOnly: false });
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), isTty: false };
    const logs: string[] = [];
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logs.push(a.map(String).join(' '))));
    try {
      // over the limit: 40 SOL short + 150 more at $150 = $28,500 > $25,000
      const big: DriftWriteCommand = { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 150_000_000000n };
      expect(await runAndPrint(req('big', big), deps, io, false, 'open')).toBe(3);
      expect(err).toMatch(/^dnh live open: refused by limits.maxNotionalUsd: .*order notional 28500000000 above the maximum 25000000000/);
      const e = (await runLive(req('big-2', big), deps).catch((x: unknown) => x)) as SafetyRefusedError;
      expect(e.limit).toEqual({ limit: 'limits.maxNotionalUsd', value: '28500 USD', bound: '25000 USD' });

      writeFileSync(kill, '');
      const k = (await runLive(req('kill', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 1_000000000n }), deps).catch((x: unknown) => x)) as SafetyRefusedError;
      expect(k.gate).toBe('kill-switch');
      rmSync(kill);

      await world.warp(60); // 150 slots: the oracle was published at the start slot
      out = '';
      expect(await runAndPrint(req('stale', { type: 'CLOSE_POSITION', marketIndex: 0 }), deps, io, true, 'close')).toBe(3);
      const j = JSON.parse(out);
      expect(j.error.message).toMatch(/limits.oracleStalenessSlots: oracle 150 slots old/);
      const s = (await runLive(req('stale-2', { type: 'WITHDRAW', amount: 1_000000n }), deps).catch((x: unknown) => x)) as SafetyRefusedError;
      expect(s.limit).toEqual({ limit: 'limits.oracleStalenessSlots', value: '150 slots', bound: '25 slots' });
      // a deposit meets no risk limit: it is refused here by its own bound (the world's wallet holds no USDC)
      const d = await runLive(req('dep', { type: 'DEPOSIT', amount: 1_000000n }), deps).catch((x: unknown) => x);
      expect((d as Error).message).toMatch(/invalid amount: 1 USDC exceeds the wallet balance 0/);
    } finally {
      for (const sp of spies) sp.mockRestore();
    }
    const journal = readFileSync(join(journalDir, `${demo.publicKey.toBase58()}-0.jsonl`), 'utf8');
    expect(journal).toBe(''); // refused before the journal: no entry
    for (const f of key.forms) expect([out, err, ...logs].some((t) => t.includes(f)), 'a form of the secret was printed').toBe(false);
    await world.close();
  }, 60_000);
});

describe('dnh live (CLI) past the gate', () => {
  it('a rehearsal loads the key file and reaches the RPC: an unreachable RPC is one line, exit 5; the secret never printed', async () => {
    const kp = Keypair.fromSeed(new Uint8Array(32).fill(9));
    const key = keyFile(dir, kp);
    const { config } = configFor(kp.publicKey.toBase58());
    const cfg = join(dir, 'live.json');
    writeFileSync(cfg, JSON.stringify(config));
    const r = await cli('live', 'deposit', '1', '--rpc', 'http://127.0.0.1:1', '--keypair', key.path, '--config', cfg, '--cluster', 'localnet', '--kill-switch', join(dir, 'KILL2'), '--journal-dir', join(dir, 'j2'));
    expect(r.err).toMatch(/REHEARSAL WITHOUT THE PRE-LIVE GATE/);
    expect(r.err).toMatch(/dnh live deposit: reading the Drift user account \S+ failed after 1 attempt/);
    expect(r.code).toBe(5);
    expect(r.err.trim().split('\n')).toHaveLength(2);
    for (const f of key.forms) expect(r.out.includes(f) || r.err.includes(f)).toBe(false);
    const k2 = await cli('live', 'deposit', '1', '--rpc', 'http://127.0.0.1:1', '--keypair', join(dir, 'nope.json'), '--config', cfg, '--cluster', 'localnet', '--kill-switch', join(dir, 'KILL2'));
    expect([k2.code, k2.err]).toEqual([2, expect.stringMatching(/keypair file .*nope.json: cannot be read/)]);
  }, 60_000);
});
