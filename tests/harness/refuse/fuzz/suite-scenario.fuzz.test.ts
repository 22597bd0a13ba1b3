/**
 * Seeded fuzz of `dnh suite run` and `dnh scenario generate` in-process (500 runs each): suite files
 * whose generator, bootstrap and stress parameters, grid values and thresholds are drawn from plausible,
 * extreme and malformed values (numbers, nulls, strings), and generator parameter files and flags for
 * `scenario generate`. Every run keeps the refusal contract of harness.ts; exit 3 names its reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCsvArb, dbl, fuzzParams, numText, rarely, runChecked, Tally } from './harness.js';

/** A JSON value for a numeric field: mostly plausible, sometimes extreme, rarely not a number at all. */
const jnum = (plausible: fc.Arbitrary<number>) =>
  fc.oneof(
    { weight: 80, arbitrary: plausible },
    { weight: 2, arbitrary: fc.constantFrom(1e308, -1e308, 1e-300, 0, -1, 5e-324, 1e12, 100000, 2.5) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'abc', '1', true, [], {}) },
  );

const generatorParams = fc.record(
  {
    days: jnum(fc.integer({ min: 2, max: 40 })),
    startPrice: jnum(dbl(20, 400)),
    price: fc.record({ drift: jnum(dbl(-0.01, 0.01)), sigma: fc.tuple(jnum(dbl(0, 0.1)), jnum(dbl(0, 0.2))), jumpProb: jnum(dbl(0, 0.1)), jumpStd: jnum(dbl(0, 0.2)) }, { requiredKeys: [] }),
    funding: fc.record({ mean: jnum(dbl(-0.001, 0.001)), sd: jnum(dbl(0, 0.001)), phi: jnum(dbl(-1, 1)) }, { requiredKeys: [] }),
    lend: fc.record({ min: jnum(dbl(0, 0.05)), max: jnum(dbl(0.05, 1)) }, { requiredKeys: [] }),
    borrow: fc.record({ spikeSize: jnum(dbl(0, 1)), max: jnum(dbl(0.1, 2)) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const shock = fc.oneof(
  fc.record({ name: fc.constant('crash'), params: fc.record({ at: fc.oneof(jnum(fc.integer({ min: 1, max: 10 })), fc.constant('random')), pct: jnum(dbl(0, 0.99)) }) }),
  fc.record({ name: fc.constant('gap'), params: fc.record({ at: jnum(fc.integer({ min: -3, max: 10 })), pct: jnum(dbl(-0.99, 3)) }) }),
  fc.record({ name: fc.constant('borrowSpike'), params: fc.record({ at: jnum(fc.integer({ min: 1, max: 5 })), days: jnum(fc.integer({ min: 1, max: 10 })), apy: jnum(dbl(0, 5)) }) }),
  fc.record({ name: fc.constant('negativeFunding'), params: fc.record({ at: jnum(fc.integer({ min: 1, max: 5 })), days: jnum(fc.integer({ min: 1, max: 10 })), rate: jnum(dbl(-0.01, 0)) }) }),
  fc.record({ name: fc.constantFrom('slowBleed', 'spike', 'fundingFlipVolSpike', 'slowBleed', 'spike', 'nonsense'), params: fc.constant({ at: 2 }) }),
);

const scenarioSet = fc.oneof(
  fc.record({ name: fc.constant('g'), kind: fc.constant('generated'), count: jnum(fc.integer({ min: 1, max: 3 })), params: generatorParams }),
  fc.record({ name: fc.constant('s'), kind: fc.constant('stress'), count: jnum(fc.integer({ min: 1, max: 2 })), base: fc.record({ kind: fc.constant('generated'), params: generatorParams }), shocks: fc.array(shock, { minLength: 1, maxLength: 12 }) }),
  fc.record({ name: fc.constant('b'), kind: fc.constant('bootstrap'), count: jnum(fc.integer({ min: 1, max: 2 })), data: fc.constant('d.csv'), days: jnum(fc.integer({ min: 2, max: 30 })), blockSize: jnum(fc.integer({ min: 1, max: 5 })) }),
  fc.record({ name: fc.constant('h'), kind: fc.constant('historical'), data: fc.constant('d.csv') }),
);

const bound = fc.record({ min: jnum(dbl(-1, 0)), max: jnum(dbl(0, 1)) }, { requiredKeys: [] });

const suiteDoc = fc.record({
  name: fc.constant('fuzz'),
  seed: jnum(fc.integer({ min: 0, max: 1000 })),
  scenarios: fc.uniqueArray(scenarioSet, { minLength: 1, maxLength: 2, selector: (s) => s.name }),
  grid: fc.record({
    venue: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(['hl'], ['drift'], ['hl', 'drift']) }, { weight: 1, arbitrary: fc.constant(['binance']) }),
    leverage: fc.array(jnum(dbl(1, 3.5)), { minLength: 1, maxLength: 2 }),
    trigger: fc.array(fc.oneof(jnum(dbl(3, 10)), fc.constantFrom('never', '2L')), { minLength: 1, maxLength: 2 }),
    capital: fc.array(jnum(dbl(100, 1e6)), { minLength: 1, maxLength: 1 }),
  }),
  thresholds: fc.record({ configuration: fc.record({ 'return.p5': bound, probRuin: bound }, { requiredKeys: [] }), scenario: fc.record({ maxDrawdown: bound, ruined: fc.boolean() }, { requiredKeys: [] }) }, { requiredKeys: [] }),
});

/** On exit 3 with --json: the document says it failed and where (a failing scenario's reasons, a failed threshold, invalid runs). */
function jsonNamesFailure(out: string): boolean {
  const c = (JSON.parse(out) as { content: { pass: boolean; failingScenarios: { configs: { reasons: string[] }[] }[]; configurations: { thresholds: { pass: boolean }[]; invalidScenarios?: number }[] } }).content;
  return c.pass === false && (c.failingScenarios.some((f) => f.configs.some((x) => x.reasons.length > 0)) || c.configurations.some((k) => k.invalidScenarios !== undefined || k.thresholds.some((t) => !t.pass)));
}

describe('fuzz: dnh suite run', () => {
  it('keeps the refusal contract on 500 generated suite files', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(suiteDoc, canonicalCsvArb(2, 20, 0.2), fc.constantFrom('text', 'json', 'out'), rarely(numText(fc.integer({ min: 0, max: 99 }).map(Number)), 0.2), async (doc, csv, mode, seed) => {
        const argv = ['suite', 'run', '@DIR/suite.json', '--engine', 'wasm', ...(seed !== null ? [`--seed=${seed}`] : []), ...(mode === 'json' ? ['--json'] : mode === 'out' ? ['--out', '@DIR/r.json'] : [])];
        tally.add(await runChecked({ files: { 'suite.json': JSON.stringify(doc), 'd.csv': csv }, argv, outputs: ['r.json'], json: mode === 'json', failReasonNamed: mode === 'json' ? jsonNamesFailure : undefined }));
      }),
      fuzzParams,
    );
    console.info(`fuzz dnh suite run: exit statuses ${JSON.stringify([...tally.seen])}`);
    const seen = JSON.stringify([...tally.seen]);
    expect(tally.seen.get(0) ?? 0, seen).toBeGreaterThan(10);
    expect(tally.seen.get(3) ?? 0, seen).toBeGreaterThan(10);
    expect((tally.seen.get(1) ?? 0) + (tally.seen.get(2) ?? 0), seen).toBeGreaterThan(20);
  });
});

describe('fuzz: dnh scenario generate', () => {
  it('keeps the refusal contract on 500 generator parameter files and flags, and never writes Infinity', async () => {
    const tally = new Tally();
    const params = fc.record(
      {
        days: jnum(fc.integer({ min: 2, max: 300 })),
        startPrice: jnum(dbl(1, 1000)),
        startDate: fc.oneof({ weight: 12, arbitrary: fc.constant('2025-01-01') }, { weight: 1, arbitrary: fc.constantFrom('0025-01-01', '1969-12-31', '2200-12-01', 'x') }),
        price: fc.record({ drift: jnum(dbl(-0.05, 0.05)), sigma: fc.tuple(jnum(dbl(0, 0.2)), jnum(dbl(0, 0.5))), jumpProb: jnum(dbl(0, 1)), jumpMean: jnum(dbl(-2, 2)), jumpStd: jnum(dbl(0, 2)), rangeScale: jnum(dbl(0, 10)) }, { requiredKeys: [] }),
        funding: fc.record({ mean: jnum(dbl(-0.01, 0.01)), beta: jnum(dbl(-10, 10)), sd: jnum(dbl(0, 0.1)) }, { requiredKeys: [] }),
        borrow: fc.record({ spikeSize: jnum(dbl(0, 10)), spikeProb: jnum(dbl(0, 1)), max: jnum(dbl(0.1, 10)) }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(params, rarely(numText(fc.integer({ min: 2, max: 300 }).map(Number)), 0.3), rarely(numText(fc.integer({ min: 0, max: 50 }).map(Number)), 0.2), fc.boolean(), async (p, days, index, toFile) => {
        const argv = ['scenario', 'generate', '--params', '@DIR/p.json', ...(days !== null ? [`--days=${days}`] : []), ...(index !== null ? [`--index=${index}`] : []), ...(toFile ? ['--out', '@DIR/rows.csv'] : [])];
        tally.add(await runChecked({ files: { 'p.json': JSON.stringify(p) }, argv, outputs: ['rows.csv'] }));
      }),
      fuzzParams,
    );
    console.info(`fuzz dnh scenario generate: exit statuses ${JSON.stringify([...tally.seen])}`);
    const seen = JSON.stringify([...tally.seen]);
    expect(tally.seen.get(0) ?? 0, seen).toBeGreaterThan(20);
    expect((tally.seen.get(1) ?? 0) + (tally.seen.get(2) ?? 0), seen).toBeGreaterThan(20);
  });
});
