/**
 * The batch converts each market once per batch and keeps converted markets across batches, keyed by the
 * decoded objects' identity. Proves that cache never leaks one input's context into another's: inputs in one
 * batch (and in successive batches) that share market and oracle objects but differ in what else the figures
 * read from the input (the clock, the quote spot market object, the spot market list that decides the
 * liquidation price's same-oracle balance) each get exactly `accountFigures` of their own input, in one batch,
 * in successive batches, and one account per call (small calls keep the previous calls' market rows).
 */
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountFigures, accountFiguresBatch, type FiguresInput } from '../../../engine/drift/figures.js';
import { show, single } from '../../helpers/figures.js';
import { LiveAccountFactory, randomLiveInput, type World } from '../../../engine/health/liveRandom.js';

const SEED = 'figures-batch-cache-1';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** Batch equals single on every input; returns how many outputs differ between the two halves (to prove the variants matter). */
function check(inputs: FiguresInput[]): void {
  const batch = accountFiguresBatch(inputs);
  const bad = inputs.map((input, i) => (show(batch[i]!) === show(single(input)) ? '' : `#${i}\n batch  ${show(batch[i]!)}\n single ${show(single(input))}`)).filter((m) => m !== '');
  if (bad.length > 0) console.error(bad.slice(0, 2).join('\n'));
  expect(bad.length).toBe(0);
}

const differing = (a: FiguresInput[], b: FiguresInput[]): number => a.filter((x, i) => show(single(x)) !== show(single(b[i]!))).length;

describe('accountFiguresBatch: the per-batch market cache is keyed on everything it depends on', () => {
  let factory: LiveAccountFactory;
  let world: World;
  let base: FiguresInput[];
  beforeAll(async () => {
    factory = await LiveAccountFactory.create();
    const rng = seedrandom(SEED);
    world = await factory.world(rng, false);
    base = [];
    for (let k = 0; k < 80; k++) base.push(await randomLiveInput(factory, rng, world));
  });

  it('same markets and oracles, another clock (strict pricing reads the live TWAP at now)', () => {
    const later = base.map((x) => ({ ...x, now: Number(x.now) - 400 }));
    expect(differing(base, later)).toBeGreaterThan(0);
    check([...base, ...later]);
    check(later); // and in a later batch
  });

  it('same perp markets and oracles, another quote spot market object (its TWAP and interest)', async () => {
    const quote = world.spot.find((m: Any) => m.marketIndex === 0);
    const quote2 = await factory.roundTrip('SpotMarket', (m: Any) => {
      Object.assign(m, quote);
      m.historicalOracleData = { ...quote.historicalOracleData, lastOraclePriceTwap5Min: factory.bn(1_020_000n) };
      m.cumulativeDepositInterest = factory.bn(12_500_000_000n);
    });
    const spot2 = world.spot.map((m: Any) => (m.marketIndex === 0 ? quote2 : m));
    const other = base.map((x) => ({ ...x, spotMarkets: spot2 }));
    expect(differing(base, other)).toBeGreaterThan(0);
    check([...base, ...other]);
    check(other);
  });

  it('same perp markets, a spot market list whose first market on a perp oracle differs (liquidation prices)', async () => {
    // a copy of the SOL spot market (same oracle as SOL-PERP) under index 5, listed first: the same-oracle
    // lookup now finds market 5, which the users do not hold, so the liquidation price loses the SOL balance's delta
    const sol = world.spot.find((m: Any) => m.marketIndex === 1);
    const shadow = await factory.roundTrip('SpotMarket', (m: Any) => {
      Object.assign(m, sol);
      m.marketIndex = 5;
    });
    const shadowed = [shadow, ...world.spot];
    const other = base.map((x) => ({ ...x, spotMarkets: shadowed }));
    expect(differing(base, other)).toBeGreaterThan(0);
    check([...base, ...other]);
    check([...other, ...base]);
  });

  it('one account per call (rows kept across small calls), alternating clocks and market lists', () => {
    const later = base.map((x) => ({ ...x, now: Number(x.now) - 400 }));
    const reordered = base.map((x) => ({ ...x, spotMarkets: [...world.spot].reverse() }));
    const all = base.flatMap((x, i) => [x, later[i]!, reordered[i]!]);
    expect(differing(base, later)).toBeGreaterThan(0);
    const bad = all.filter((input) => show(accountFiguresBatch([input])[0]!) !== show(single(input)));
    expect(bad.length).toBe(0);
  });
});
