/**
 * Seeded fuzz of `dnh backtest` in-process (500 runs): generated canonical CSV rows (extreme,
 * malformed, misdated) and flag values; every run keeps the refusal contract of harness.ts, and the
 * family reaches both results (exit 0) and refusals (exit 1 and 2).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dbl, canonicalCsvArb, flagsArb, fuzzParams, numText, runChecked, Tally } from './harness.js';

const flags = flagsArb({
  capital: numText(dbl(100, 1e6)),
  leverage: numText(dbl(1, 4)),
  trigger: numText(dbl(3, 12)),
  'long.openFeeBps': numText(dbl(0, 50)),
  'long.closeFeeBps': numText(dbl(0, 50)),
  'long.maintenance': numText(dbl(0.02, 0.3)),
  'perp.feeBps': numText(dbl(0, 20)),
  'perp.maintenance': numText(dbl(0.01, 0.1)),
  'long.penalty': fc.oneof(numText(dbl(0, 1)).map((r) => `notional:${r}`), numText(dbl(0, 1)).map((r) => `equity:${r}`), fc.constant('half')),
  transferCost: numText(dbl(0, 10)),
  venue: fc.constantFrom('hl', 'drift', 'binance'),
  model: fc.constantFrom('static', 'rebalance', 'rotation'),
  convention: fc.constantFrom('exact', 'study'),
  engine: fc.constantFrom('wasm', 'ts'),
});

describe('fuzz: dnh backtest', () => {
  it('keeps the refusal contract on 500 generated inputs', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(canonicalCsvArb(2, 15), flags, fc.boolean(), async (csv, f, json) => {
        tally.add(await runChecked({ files: { 'd.csv': csv }, argv: ['backtest', '--data', '@DIR/d.csv', ...f, ...(json ? ['--json'] : [])], json }));
      }),
      fuzzParams,
    );
    console.info(`fuzz dnh backtest: exit statuses ${JSON.stringify([...tally.seen])}`);
    expect(tally.seen.get(0) ?? 0, JSON.stringify([...tally.seen])).toBeGreaterThan(20);
    expect(tally.seen.get(1) ?? 0).toBeGreaterThan(20);
    expect(tally.seen.get(2) ?? 0).toBeGreaterThan(20);
  });
});
