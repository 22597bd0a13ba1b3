/**
 * Seeded fuzz of `dnh data align` in-process (500 runs): Hyperliquid candles and hourly funding,
 * Binance klines CSV and DefiLlama lend/borrow files over a few days, with extreme and malformed
 * values (number strings, JSON numbers, nulls), a coin or symbol that changes, a funding block
 * scaled x100 (percent), timestamps before 1970. Every run keeps the refusal contract of harness.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbl, fuzzParams, numText, rarely, runChecked, Tally } from './harness.js';

const DAY = 86_400_000;

/** A JSON field value: a decimal string or number, sometimes extreme or malformed. */
const jval = (plausible: fc.Arbitrary<number>) =>
  fc.oneof(
    { weight: 30, arbitrary: plausible.map(String) },
    { weight: 10, arbitrary: plausible },
    { weight: 1, arbitrary: numText(plausible) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 1e308, -1e308, 1e-300, true) },
  );

const day = fc.record({
  p: dbl(50, 300),
  move: dbl(-0.05, 0.05),
  range: dbl(0, 0.05),
  o: rarely(jval(dbl(50, 300)), 0.03),
  funding: dbl(-3e-5, 5e-5),
  fundingPatch: rarely(jval(dbl(-1e-4, 1e-4)), 0.01),
  lend: jval(dbl(0, 20)),
  borrow: jval(dbl(0, 40)),
});

const inputs = fc.record({
  start: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 19_000, max: 20_500 }) }, { weight: 1, arbitrary: fc.constantFrom(-30, 80_000) }),
  days: fc.array(day, { minLength: 2, maxLength: 9 }),
  priceFormat: fc.constantFrom('hl', 'binance'),
  priceName: fc.constantFrom('prices.json', 'ETHUSDT-1d.csv', 'SOLUSDT-1d.csv'),
  candleCoin: fc.constantFrom('SOL', 'SOL', 'SOL', 'ETH'),
  fundingCoin: fc.constantFrom('SOL', 'SOL', 'SOL', 'BTC'),
  percentFrom: rarely(fc.integer({ min: 1, max: 8 }), 0.1),
  dropPartial: fc.boolean(),
  toFile: fc.boolean(),
});

type Inputs = typeof inputs extends fc.Arbitrary<infer T> ? T : never;

function files(x: Inputs): Record<string, string> {
  const candles = x.days.map((d, i) => {
    const t = (x.start + i) * DAY;
    const c = d.p * (1 + d.move);
    return { t, T: t + DAY - 1, s: x.candleCoin, i: '1d', o: d.o ?? String(d.p), c: String(c), h: String(Math.max(d.p, c) * (1 + d.range)), l: String(Math.min(d.p, c) * (1 - d.range)), v: '1', n: 1 };
  });
  const prices = x.priceFormat === 'hl'
    ? JSON.stringify(candles)
    : ['open_time,open,high,low,close,volume,close_time', ...candles.map((k) => [k.t, k.o, k.h, k.l, k.c, 1, k.T].join(','))].join('\n') + '\n';
  const funding = x.days.flatMap((d, i) =>
    Array.from({ length: 24 }, (_, h) => {
      const scale = x.percentFrom !== null && i >= x.percentFrom ? 100 : 1;
      return { coin: x.fundingCoin, fundingRate: h === 5 && d.fundingPatch !== null ? d.fundingPatch : String(d.funding * scale), premium: '0', time: (x.start + i) * DAY + h * 3_600_000 };
    }),
  );
  const rates = (field: 'apyBase' | 'apyBaseBorrow') =>
    JSON.stringify(x.days.map((d, i) => ({ timestamp: new Date((x.start + i) * DAY + 82_860_000).toISOString(), [field]: field === 'apyBase' ? d.lend : d.borrow })));
  return { [x.priceName]: prices, 'funding.json': JSON.stringify(funding), 'lend.json': rates('apyBase'), 'borrow.json': rates('apyBaseBorrow') };
}

describe('fuzz: dnh data align', () => {
  it('keeps the refusal contract on 500 generated sets of venue files', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(inputs, async (x) => {
        const argv = ['data', 'align', '--prices', `@DIR/${x.priceName}`, '--funding', '@DIR/funding.json', '--lend', '@DIR/lend.json', '--borrow', '@DIR/borrow.json', ...(x.dropPartial ? ['--drop-partial'] : []), ...(x.toFile ? ['--out', '@DIR/rows.csv'] : [])];
        tally.add(await runChecked({ files: files(x), argv, outputs: ['rows.csv'] }));
      }),
      fuzzParams,
    );
    const seen = JSON.stringify([...tally.seen]);
    console.info(`fuzz dnh data align: exit statuses ${seen}`);
    expect(tally.seen.get(0) ?? 0, seen).toBeGreaterThan(20);
    expect(tally.seen.get(1) ?? 0, seen).toBeGreaterThan(20);
  });
});
