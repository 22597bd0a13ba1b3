/**
 * `dnh live`'s RPC path end to end against the REAL Drift program (v2.84) in the local bank, with the
 * connection injected (the CLI builds a web3 Connection from --rpc; here the bank's): past a gate pass
 * from `requirePassingGate`, the key file is loaded, the SDK client built on the connection, the journal
 * opened and recovered, the command re-validated against the account, the kill switch and the
 * configuration's limits applied, the transaction simulated and sent once; the printed result has the
 * signature and the state read back. `--simulate-only` stops after the simulation. Each limit of
 * live.json refuses at send time naming itself and its value (a withdrawal leaving health below 80 even
 * when the configuration's floor is lower); a repeated key sends nothing; the key's
 * bytes appear nowhere in what is printed. Needs the binaries; NOT RUN without them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SafetyRefusedError } from '../../../engine/drift/write/errors.js';
import type { DriftWriteCommand } from '../../../engine/drift/write/validate.js';
import { CommandJournal } from '../../../engine/journal/journal.js';
import { WORLD_START_UNIX } from '../../../harness/chain/program/bank.js';
import { missingBinariesMessage, programBinaries } from '../../../harness/chain/program/binaries.js';
import { bankTransport } from '../../../harness/chain/program/transport.js';
import { DriftWorld } from '../../../harness/chain/program/world.js';
import { createWorldLoader } from '../../../harness/chain/loader.js';
import { runAndPrint } from '../../../harness/live/cli.js';
import { runLive, type LiveDeps, type LiveRequest } from '../../../harness/live/run.js';
import { configFor, keyFile, passFor } from './helpers.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-live-rpc-'));
afterAll(() => rmSync(dir, { recursive: true }));

describe('dnh live: the RPC path on the real program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('dnh live on the real program'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  it.runIf(bins !== null)('deposit, simulate-only open, open, limits refuse, repeated key, close, settle; signature and state printed; the key never printed', async () => {
    const w = await DriftWorld.start(bins!, { seed: 'live-rpc' });
    const alice = await w.createUser('alice', 2_000_000000n);
    const key = keyFile(dir, alice.keypair);
    // floor 80 so that a withdrawal within the free collateral can breach it (the bundled one says 50),
    // leverage 10 so that the floor, not the leverage, is what that withdrawal meets first
    const { config, hash } = configFor(alice.keypair.publicKey.toBase58(), { withdrawalHealthFloor: 80, maxLeverage: 10 });
    const nowMs = () => Number(WORLD_START_UNIX) * 1000;
    const pass = passFor(config, hash, nowMs());
    const transport = bankTransport(w.context, w.connection);
    const deps: LiveDeps = {
      connection: w.connection as never, transport, accountLoader: await createWorldLoader(w.connection as never),
      sleep: async () => {}, nowMs, nowUnix: () => Number(w.clock.unix), execute: { confirmPolls: 5, pollMs: 1, rpc: { attempts: 2, delayMs: 1 } },
    };
    const journalDir = join(dir, 'journal');
    const kill = join(dir, 'KILL');
    const req = (k: string, cmd: DriftWriteCommand, extra: Partial<LiveRequest> = {}): LiveRequest => ({ cmd, keypairPath: key.path, config, pass, subAccount: 0, marketIndex: 0, journalDir, key: k, killSwitch: kill, simulateOnly: false, ...extra });
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t), isTty: false };

    // deposit, printed: signature and the state read back
    expect(await runAndPrint(req('dep-1', { type: 'DEPOSIT', amount: 1_000_000000n }), deps, io, false, 'deposit')).toBe(0);
    expect(out).toMatch(/^DEPOSIT 1000 USDC: landed, signature [1-9A-HJ-NP-Za-km-z]{80,90}\n/);
    expect(out).toMatch(/collateral 1000 USDC, position 0 SOL, health 100, .*wallet 1000 USDC/);

    // simulate-only: the simulated result, nothing sent, nothing journaled
    await w.publishOracle(w.oraclePrice6);
    const sends = transport.sends;
    const sim = await runLive(req('open-sim', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10_000_000000n }, { simulateOnly: true }), deps);
    expect(sim.simulation).toMatchObject({ ok: true, error: null });
    expect(sim.simulation!.logs.some((l) => l.includes('dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH'))).toBe(true);
    expect(sim.signature).toBeNull();
    expect(sim.state.positionBase).toBe(0n);
    expect(transport.sends).toBe(sends);

    // open short 10 SOL: landed, the position on chain
    const open = await runLive(req('open-1', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10_000_000000n }), deps);
    expect(open.signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    expect(open.state.positionBase).toBe(-10_000_000000n);
    expect(open.state.health).toBe(92); // as the SDK's User says on the same account (adapter.program.test.ts)

    // the same key again: the recorded outcome, nothing sent
    const again = await runLive(req('open-1', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10_000_000000n }), deps);
    expect([again.replayed, again.signature, again.state.positionBase]).toEqual([true, open.signature, -10_000_000000n]);
    expect(transport.sends).toBe(sends + 1);

    // each limit refuses at send time, naming itself and the value; nothing is sent or journaled
    const refusal = async (k: string, cmd: DriftWriteCommand) => (await runLive(req(k, cmd), deps).catch((e: unknown) => e)) as SafetyRefusedError;
    const notional = await refusal('open-big', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 160_000_000000n });
    expect(notional).toBeInstanceOf(SafetyRefusedError);
    expect(notional.limit).toEqual({ limit: 'limits.maxNotionalUsd', value: '25500 USD', bound: '25000 USD' }); // 170 SOL x $150
    const lev = await refusal('open-lev', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 60_000_000000n });
    expect(lev.limit?.limit).toBe('limits.maxLeverage'); // 70 SOL x $150 = $10,500 on about $1,000: above 10x
    expect(lev.limit!.value).toMatch(/^10\.\d+x$/);
    expect(lev.limit!.bound).toBe('10x');
    const floor = await refusal('wd-floor', { type: 'WITHDRAW', amount: 700_000000n });
    expect(floor.limit).toEqual({ limit: 'limits.withdrawalHealthFloor', value: '75', bound: '80' });
    expect(floor.message).toMatch(/projected health after withdrawing 700 USDC is 75, below 80/);
    // the configuration's floor lowered to 50 (health 75 would pass it): the 80 still refuses, before sending
    const lax = configFor(alice.keypair.publicKey.toBase58(), { withdrawalHealthFloor: 50, maxLeverage: 10 });
    const laxFloor = (await runLive(req('wd-floor-50', { type: 'WITHDRAW', amount: 700_000000n }, { config: lax.config, pass: passFor(lax.config, lax.hash, nowMs()) }), deps).catch((e: unknown) => e)) as SafetyRefusedError;
    expect(laxFloor).toBeInstanceOf(SafetyRefusedError);
    expect(laxFloor.limit).toEqual({ limit: 'limits.withdrawalHealthFloor', value: '75', bound: '80' });
    expect(laxFloor.message).toMatch(/below 80 \(the minimum 80 applies: the configuration's 50 is lower\)/);
    writeFileSync(kill, '');
    expect((await refusal('wd-kill', { type: 'WITHDRAW', amount: 1_000000n })).gate).toBe('kill-switch');
    rmSync(kill);
    await w.warp(60); // 120 slots: the oracle is stale
    const stale = await refusal('close-stale', { type: 'CLOSE_POSITION', marketIndex: 0 });
    expect(stale.limit).toMatchObject({ limit: 'limits.oracleStalenessSlots', bound: '25 slots' });
    expect(Number(stale.limit!.value.replace(' slots', ''))).toBeGreaterThanOrEqual(120);
    expect(transport.sends).toBe(sends + 1);

    // close and settle on a fresh oracle; the printed JSON carries the signature and the state
    await w.publishOracle(w.oraclePrice6);
    out = '';
    expect(await runAndPrint(req('close-1', { type: 'CLOSE_POSITION', marketIndex: 0 }), deps, io, true, 'close'), err).toBe(0);
    const closed = JSON.parse(out);
    expect(closed.signature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{80,90}$/);
    expect(closed.state.positionBase).toBe('0');
    expect(await runAndPrint(req('settle-1', { type: 'SETTLE_PNL', marketIndex: 0 }), deps, io, true, 'settle'), err).toBe(0);

    // the journal holds exactly the sent commands, each landed
    const j = CommandJournal.open<DriftWriteCommand>(join(journalDir, `${alice.keypair.publicKey.toBase58()}-0.jsonl`));
    expect(j.all().filter((e) => e.settled?.outcome === 'landed').map((e) => e.key).slice(0, 3)).toEqual(['dep-1', 'open-1', 'close-1']);
    expect(j.all().map((e) => e.key)).not.toContain('open-sim');
    j.close();

    for (const f of key.forms) {
      expect(out.includes(f) || err.includes(f), 'a form of the secret key was printed').toBe(false);
      expect(JSON.stringify([open, sim, again], (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)).includes(f)).toBe(false);
    }
    await w.stop();
  }, 120_000);
});
