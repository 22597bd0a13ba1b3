/**
 * The scripted flow on the real program, twice with the same seed: identical bytes of every account it
 * touches (hash), the expected refusal (a profit cannot settle before the counterparty's loss: Drift's
 * PnlPoolCantSettleUser, from the simulation), every other step landed, and the profit credited once
 * the counterparty settled. Needs the binaries; NOT RUN without them. Prints the run time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingBinariesMessage, programBinaries } from '../../../../harness/chain/program/binaries.js';
import { runFlow, type FlowStep } from '../../../../harness/chain/program/flow.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-flow-'));
afterAll(() => rmSync(dir, { recursive: true }));

describe('scripted flow on the real program', () => {
  it('reports whether the program binaries are present', () => {
    if (!bins) console.warn(missingBinariesMessage('the scripted flow on the real program'));
    expect(bins === null || bins.drift.length > 0).toBe(true);
  });

  it.runIf(bins !== null)('runs twice with identical account bytes; profit settles only after the loss', async () => {
    const now = () => performance.now();
    const r1 = await runFlow(bins!, { seed: 'flow', journalDir: join(dir, '1'), now });
    const r2 = await runFlow(bins!, { seed: 'flow', journalDir: join(dir, '2'), now });
    console.log(`flow run time: setup ${r1.ms.setup.toFixed(0)} ms + flow ${r1.ms.flow.toFixed(0)} ms (second run ${r2.ms.setup.toFixed(0)} + ${r2.ms.flow.toFixed(0)} ms)`);
    expect(r2.accountsHash).toBe(r1.accountsHash);
    expect(r2.final).toEqual(r1.final);
    // signatures differ between banks (bankrun's genesis, hence every blockhash, is new on each start)
    const unsigned = (r: typeof r1) => r.steps.map((s) => ({ ...s, signature: s.signature === null ? null : 'signed' }));
    expect(unsigned(r2)).toEqual(unsigned(r1));

    const refused = r1.steps.filter((s) => s.error !== null);
    expect(refused.map((s) => [s.actor, s.key, s.error])).toEqual([['alice', 'settle-early', { name: 'SimulationFailedError', driftError: 'PnlPoolCantSettleUser' }]]);
    const step = (actor: string, key: string) => r1.steps.find((s) => s.actor === actor && s.key === key)!;
    expect(step('alice', 'open-short').after).toBe('base=-10000000000');
    expect(step('bob', 'open-long').after).toBe('base=10000000000');
    expect(step('alice', 'close').after).toBe('base=0');
    // alice's profit is credited only by the settle after bob's: scaled USDC (1e9) before and after
    const scaled = (s: FlowStep) => BigInt(/usdcScaled=(-?[0-9]+)/.exec(s.after!)![1]!);
    const aliceGain = scaled(step('alice', 'settle')) - scaled(step('alice', 'rebalance-deposit'));
    const bobLoss = scaled(step('bob', 'deposit-1')) - scaled(step('bob', 'settle'));
    // 10 SOL x $10 move = $100 each way, less taker fees (about 10 bp of ~$1,450 per trade) and funding
    expect(aliceGain).toBe(97_111_094_000n);
    expect(bobLoss).toBe(102_911_098_000n);
    expect(aliceGain > 95_000_000_000n && aliceGain < 100_000_000_000n).toBe(true);
    expect(bobLoss > 100_000_000_000n && bobLoss < 105_000_000_000n).toBe(true);
    // final: both wallets as funded (2,000 USDC) less what stays deposited; pinned clock on the last step
    expect(r1.final).toEqual({ aliceWallet: 2_000_000000n, aliceUsdcScaled: 97_111_093_998n, bobWallet: 1_000_000000n, bobUsdcScaled: 897_088_902_000n, unixTime: 1_704_070_833n });
  });
});
