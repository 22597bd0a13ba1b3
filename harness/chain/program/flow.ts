/**
 * The scripted strategy session against the real Drift program in the local bank (the body of a future
 * `dnh chain run-flow`): deposit, open short (a counterparty goes long), price move, an hour's funding,
 * rebalance by withdraw and deposit, close, settle (refused while the counterparty has not realised its
 * loss: the profit is paid from the market's PnL pool only), the counterparty closes and settles, settle
 * again, withdraw. Every command goes through the write adapter and a journal per account.
 *
 * Example: `const r = await runFlow(programBinaries()!, { seed: 'flow', journalDir: '/tmp/x' });`
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runDriftCommand } from '../../../engine/drift/write/adapter.js';
import { DriftWriteError } from '../../../engine/drift/write/errors.js';
import type { DriftWriteCommand } from '../../../engine/drift/write/validate.js';
import { CommandJournal } from '../../../engine/journal/journal.js';
import { adapterFor } from './adapterFor.js';
import type { ProgramBinaries } from './binaries.js';
import { DriftWorld, type WorldUser } from './world.js';

export interface FlowStep {
  actor: string;
  key: string;
  command: DriftWriteCommand | { type: 'MOVE_PRICE'; price6: bigint } | { type: 'FUNDING' };
  signature: string | null;
  after: string | null;
  /** the typed error's name and Drift's error name, when the step was refused */
  error: { name: string; driftError: string | null } | null;
}

export interface FlowResult {
  steps: FlowStep[];
  accountsHash: string;
  /** final figures, venue units */
  final: { aliceWallet: bigint; aliceUsdcScaled: bigint; bobWallet: bigint; bobUsdcScaled: bigint; unixTime: bigint };
  ms: { setup: number; flow: number };
}

export async function runFlow(bins: ProgramBinaries, opts: { seed: string; journalDir: string; now: () => number }): Promise<FlowResult> {
  const t0 = opts.now();
  mkdirSync(opts.journalDir, { recursive: true });
  const w = await DriftWorld.start(bins, { seed: opts.seed });
  const alice = await w.createUser('alice', 2_000_000000n);
  const bob = await w.createUser('bob', 2_000_000000n);
  const t1 = opts.now();
  const steps: FlowStep[] = [];
  const actors = new Map<string, { user: WorldUser; run: (key: string, cmd: DriftWriteCommand) => Promise<void> }>();
  for (const user of [alice, bob]) {
    const { adapter } = adapterFor(w, user);
    const journal = CommandJournal.open<DriftWriteCommand>(join(opts.journalDir, `${opts.seed}-${user.label}.jsonl`));
    const run = async (key: string, cmd: DriftWriteCommand) => {
      try {
        const r = await runDriftCommand(adapter, journal, key, cmd, { sleep: async () => {}, safety: async () => [], limits: { confirmPolls: 5, pollMs: 1, rpc: { attempts: 2, delayMs: 1 } } });
        steps.push({ actor: user.label, key, command: cmd, signature: r.signature, after: r.after, error: null });
      } catch (e) {
        if (!(e instanceof DriftWriteError)) throw e;
        const driftError = 'errorName' in e ? ((e as { errorName: string | null }).errorName ?? null) : null;
        steps.push({ actor: user.label, key, command: cmd, signature: null, after: null, error: { name: e.name, driftError } });
      }
    };
    actors.set(user.label, { user, run });
  }
  const a = actors.get('alice')!.run;
  const b = actors.get('bob')!.run;
  const fresh = () => w.publishOracle(w.oraclePrice6);

  await a('deposit-1', { type: 'DEPOSIT', amount: 1_000_000000n });
  await b('deposit-1', { type: 'DEPOSIT', amount: 1_000_000000n });
  await fresh();
  await a('open-short', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: 10_000_000000n });
  await b('open-long', { type: 'OPEN_POSITION', marketIndex: 0, direction: 'long', baseAssetAmount: 10_000_000000n });
  await w.movePrice(140_000_000n);
  steps.push({ actor: 'admin', key: 'price-140', command: { type: 'MOVE_PRICE', price6: 140_000_000n }, signature: null, after: null, error: null });
  await w.warp(3600);
  await w.updateFunding();
  steps.push({ actor: 'admin', key: 'funding-1', command: { type: 'FUNDING' }, signature: null, after: null, error: null });
  await a('rebalance-withdraw', { type: 'WITHDRAW', amount: 100_000000n });
  await a('rebalance-deposit', { type: 'DEPOSIT', amount: 100_000000n });
  await fresh();
  await a('close', { type: 'CLOSE_POSITION', marketIndex: 0 });
  await a('settle-early', { type: 'SETTLE_PNL', marketIndex: 0 });
  await fresh();
  await b('close', { type: 'CLOSE_POSITION', marketIndex: 0 });
  await b('settle', { type: 'SETTLE_PNL', marketIndex: 0 });
  await a('settle', { type: 'SETTLE_PNL', marketIndex: 0 });
  await a('withdraw-final', { type: 'WITHDRAW', amount: 1_000_000000n });

  const t2 = opts.now();
  const view = async (u: WorldUser) => (await adapterFor(w, u).adapter.view()).usdcScaled;
  const final = { aliceWallet: await w.usdcBalance(alice), aliceUsdcScaled: await view(alice), bobWallet: await w.usdcBalance(bob), bobUsdcScaled: await view(bob), unixTime: await w.unixTime() };
  const accountsHash = await w.accountsHash();
  await w.stop();
  return { steps, accountsHash, final, ms: { setup: t1 - t0, flow: t2 - t1 } };
}
