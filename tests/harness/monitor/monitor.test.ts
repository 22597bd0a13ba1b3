/**
 * The monitor's own rules, on a scripted account source (no chain): a snapshot only when the poll saw a
 * change (the first poll always publishes); a refused figure becomes a snapshot with `figures: null` and
 * the reason, logged, with no alert and no health point; histories stay within their bounds; the alert
 * account key is the user address, so two accounts have separate cooldowns.
 */
import { describe, expect, it } from 'vitest';
import type { DriftAccountView } from '../../../engine/drift/view.js';
import { ManualClock } from '../../../engine/venue/clock.js';
import { createLogger, redactRpcUrl } from '../../../harness/monitor/log.js';
import { Monitor, type AccountSource } from '../../../harness/monitor/monitor.js';

function view(health: number): DriftAccountView {
  const z = 0n;
  return {
    programId: 'P', authority: 'A', subAccountId: 0, user: 'U', userStats: 'S', now: 0,
    figures: {
      health, canBeLiquidated: false, totalCollateralMaintenance: 1_000_000_000n, totalCollateralInitial: 900_000_000n,
      maintenanceMarginRequirement: 100_000_000n, initialMarginRequirement: 200_000_000n, freeCollateral: 700_000_000n,
      leverage: 25_000n, unrealizedPnl: -5_000_000n, unrealizedPnlNoFunding: -4_000_000n, perpPositions: [{ marketIndex: 0, liquidationPrice: 200_000_000n }],
    } as DriftAccountView['figures'],
    perpPositions: [{ marketIndex: 0, market: 'SOL-PERP', baseAssetAmount: -2_000_000_000n, quoteAssetAmount: 300_000_000n, entryPrice: 150_000_000n, oraclePrice: 160_000_000n, liquidationPrice: 200_000_000n, openOrders: 0, openBids: z, openAsks: z }],
    spotBalances: [{ marketIndex: 0, market: 'USDC', decimals: 6, tokenAmount: 1_000_000_000n, oraclePrice: 1_000_000n, openOrders: 0 }],
  };
}

/** A source that replays a script of (changes, health or an error). */
function scripted(steps: { changes: string[]; health?: number; error?: Error }[], user = 'U'): AccountSource {
  let k = -1;
  return {
    addresses: { authority: 'A', subAccountId: 0, user, userStats: 'S' },
    async refresh() {
      k++;
      return steps[k]!.changes;
    },
    view() {
      const s = steps[k]!;
      if (s.error) throw s.error;
      return { ...view(s.health!), user };
    },
  };
}

function logs(): { lines: Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger('unit', { level: 'debug', destination: { write: (s: string) => void lines.push(JSON.parse(s)) } }) };
}

describe('Monitor', () => {
  it('publishes on the first poll and on change only; rows in display units', async () => {
    const clock = new ManualClock(1_000_000);
    const { logger } = logs();
    const m = new Monitor({ source: scripted([{ changes: [], health: 80 }, { changes: [], health: 80 }, { changes: ['oraclePriceUpdate'], health: 70 }]), clock, runId: 'r', logger });
    const seen: number[] = [];
    m.listen((s) => seen.push(s.seq));
    expect((await m.poll())!.figures!.health).toBe(80);
    expect(await m.poll()).toBeNull();
    const s = (await m.poll())!;
    expect(seen).toEqual([1, 2]);
    expect(s.figures).toMatchObject({ health: 70, totalCollateral: 1000, freeCollateral: 700, leverage: 2.5, unrealizedPnl: -5 });
    expect(s.raw!.totalCollateralMaintenance).toBe('1000000000');
    expect(s.positions[0]).toMatchObject({ market: 'SOL-PERP', side: 'short', size: -2, entryPrice: 150, oraclePrice: 160, liquidationPrice: 200, notional: 320 });
    expect(s.positions[0]!.distanceToLiquidation).toBeCloseTo(0.25, 12);
    expect(s.balances[0]).toEqual({ marketIndex: 0, market: 'USDC', amount: 1000, oraclePrice: 1, value: 1000 });
  });

  it('a refused figure is a snapshot with the reason, logged, no alert, no health point', async () => {
    const clock = new ManualClock(0);
    const { lines, logger } = logs();
    const refused = Object.assign(new Error('isolated perp positions are not covered'), { name: 'FiguresRefusedError' });
    const m = new Monitor({ source: scripted([{ changes: ['x'], health: 10 }, { changes: ['x'], error: refused }]), clock, runId: 'r', logger });
    await m.poll();
    clock.advance(1000);
    const s = (await m.poll())!;
    expect(s.figures).toBeNull();
    expect(s.error).toBe('FiguresRefusedError: isolated perp positions are not covered');
    expect(s.alerts).toEqual([]);
    expect(s.healthHistory).toEqual([[0, 10]]);
    expect(lines.some((l) => l.msg === 'figures could not be computed' && l.level === 50)).toBe(true);
  });

  it('keeps histories bounded and cooldowns per account', async () => {
    const clock = new ManualClock(0);
    const { logger } = logs();
    const steps = Array.from({ length: 12 }, (_, i) => ({ changes: ['x'], health: i % 2 === 0 ? 10 : 40 }));
    const a = new Monitor({ source: scripted(steps, 'UA'), clock, runId: 'r', logger, healthHistoryLimit: 5, alertHistoryLimit: 3 });
    const b = new Monitor({ source: scripted(steps.slice(0, 2), 'UB'), clock, runId: 'r', logger });
    for (let i = 0; i < 12; i++) {
      await a.poll();
      clock.advance(40_000);
    }
    const s = a.current!;
    expect(s.healthHistory.length).toBe(5);
    expect(s.healthHistory.at(-1)).toEqual([11 * 40_000, 40]);
    expect(s.alertHistory.length).toBe(3);
    // B's alerts are not held back by A's cooldown (its own account key)
    expect((await b.poll())!.alerts.map((x) => x.level)).toEqual(['critical']);
    expect(b.current!.alerts[0]!.account).toBe('drift:UB');
  });
});

describe('redactRpcUrl', () => {
  it('keeps scheme and host, drops path and query (where providers put API keys)', () => {
    expect(redactRpcUrl('https://mainnet.helius-rpc.com/?api-key=abc123')).toBe('https://mainnet.helius-rpc.com/…');
    expect(redactRpcUrl('https://x.solana-mainnet.quiknode.pro/0123456789abcdef/')).toBe('https://x.solana-mainnet.quiknode.pro/…');
    expect(redactRpcUrl('https://api.mainnet-beta.solana.com')).toBe('https://api.mainnet-beta.solana.com');
    expect(redactRpcUrl('http://user:pass@127.0.0.1:8899/')).toBe('http://127.0.0.1:8899');
    expect(redactRpcUrl('nope')).toBe('<invalid url>');
  });
});
