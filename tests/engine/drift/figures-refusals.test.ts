/**
 * Proves every state outside the math's coverage is refused with a typed error naming the field and the
 * reason (never computed): isolated positions, settlement and prediction markets, missing markets and oracles,
 * non-positive oracle prices, unsupported decimals, a bad clock, and health beyond 2^53, where the SDK's own
 * `getHealth()` throws too. Also: `now` as a bigint gives the same figures as the number.
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountFigures, FiguresRefusedError, type FiguresInput } from '../../../engine/drift/figures.js';
import { LiveAccountFactory, randomLiveInput } from '../../../engine/health/liveRandom.js';
import { SdkLiveOracle } from '../../../engine/health/sdkLiveOracle.js';

const show = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

function refusal(input: FiguresInput): FiguresRefusedError {
  try {
    accountFigures(input);
  } catch (e) {
    if (e instanceof FiguresRefusedError) return e;
    throw e;
  }
  throw new Error('not refused');
}

describe('accountFigures refuses what it does not cover', () => {
  let f: LiveAccountFactory;
  let base: FiguresInput;
  beforeAll(async () => {
    f = await LiveAccountFactory.create();
    const rng = seedrandom('figures-refusals-1');
    const world = await f.world(rng, false);
    // an account with a USDC deposit and at least one perp position
    for (;;) {
      base = await randomLiveInput(f, rng, world);
      const active = base.user.perpPositions.filter((p: any) => !p.baseAssetAmount.isZero());
      const refused = (() => {
        try {
          accountFigures(base);
          return false;
        } catch {
          return true;
        }
      })();
      if (active.length > 0 && !refused && !base.user.spotPositions[0].scaledBalance.isZero()) break;
    }
  });
  const firstPerp = (): any => base.user.perpPositions.find((p: any) => !p.baseAssetAmount.isZero());
  const withUser = async (fill: (u: any) => void): Promise<FiguresInput> => ({ ...base, user: await f.roundTrip('User', (u) => { Object.assign(u, base.user); fill(u); }) });
  const withPerpMarket = (index: number, change: (m: any) => any): FiguresInput => ({
    ...base,
    perpMarkets: (base.perpMarkets as any[]).map((m) => (m.marketIndex === index ? change({ ...m }) : m)),
  });

  it('isolated position', async () => {
    const index = firstPerp().marketIndex;
    const input = await withUser((u) => {
      u.perpPositions = u.perpPositions.map((p: any) => (p.marketIndex === index && !p.baseAssetAmount.isZero() ? { ...p, positionFlag: 1 } : p));
    });
    const e = refusal(input);
    expect(e.name).toBe('FiguresRefusedError');
    expect(e.field).toBe(`perp position in market ${index}`);
    expect(e.reason).toMatch(/isolated/);
  });

  it('settlement and prediction markets', () => {
    const index = firstPerp().marketIndex;
    expect(refusal(withPerpMarket(index, (m) => ({ ...m, status: { settlement: {} } }))).reason).toMatch(/settlement/);
    expect(refusal(withPerpMarket(index, (m) => ({ ...m, contractType: { prediction: {} } }))).reason).toMatch(/prediction/);
  });

  it('missing markets and oracles, non-positive prices', () => {
    const index = firstPerp().marketIndex;
    const noMarket = { ...base, perpMarkets: (base.perpMarkets as any[]).filter((m) => m.marketIndex !== index) };
    expect(refusal(noMarket).field).toBe(`perp market ${index}`);
    const perp = new Map(base.oracles.perp);
    perp.delete(index);
    expect(refusal({ ...base, oracles: { ...base.oracles, perp } }).reason).toMatch(/no oracle price/);
    const spot = new Map(base.oracles.spot);
    spot.set(0, { price: f.bn(0) });
    expect(refusal({ ...base, oracles: { ...base.oracles, spot } }).reason).toMatch(/not positive/);
    const noQuote = { ...base, spotMarkets: (base.spotMarkets as any[]).filter((m) => m.marketIndex !== 0) };
    expect(refusal(noQuote).field).toBe('spot market 0');
  });

  it('spot decimals beyond 15 and a bad clock', () => {
    const spotMarkets = (base.spotMarkets as any[]).map((m) => (m.marketIndex === 0 ? { ...m, decimals: 16 } : m));
    expect(refusal({ ...base, spotMarkets }).reason).toMatch(/decimals 16/);
    expect(refusal({ ...base, now: 1.5 }).field).toBe('now');
    expect(refusal({ ...base, now: Number.NaN }).field).toBe('now');
  });

  it('now as a bigint equals now as a number', () => {
    expect(show(accountFigures({ ...base, now: BigInt(base.now) }))).toBe(show(accountFigures(base)));
  });

  it('health beyond 2^53: refused, and the SDK itself throws there', async () => {
    const judge = await SdkLiveOracle.create();
    expect(show(judge.evaluate(base))).toBe(show(accountFigures(base)));
    // a USDC deposit of ~$1e10 and a position whose requirement is non-zero
    const user = await withUser((u) => {
      u.status = 0;
      u.spotPositions = u.spotPositions.map((s: any, k: number) => (k === 0 ? { ...s, marketIndex: 0, balanceType: { deposit: {} }, scaledBalance: f.bn(10n ** 19n) } : s));
    });
    // (no IMF discount on USDC, so the deposit counts in full)
    const input = { ...user, spotMarkets: (base.spotMarkets as any[]).map((m) => (m.marketIndex === 0 ? { ...m, imfFactor: 0 } : m)) };
    expect(refusal(input).reason).toMatch(/2\^53/);
    expect(() => judge.evaluate(input)).toThrow(/53 bits/);
  });
});
