/**
 * Seeded fuzz of `dnh sweep` and `dnh report` in-process (500 runs each): grids from generated flag
 * lists (extreme, malformed, ranges) over generated CSV rows; results files whose lane figures and
 * parameters are replaced by extreme values, nulls and strings (the structure stays that of a sweep
 * results file: its schema is checked on read by issue 8 point 5). Every run keeps the refusal
 * contract of harness.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../../helpers/cli.js';
import { canonicalCsvArb, dbl, flagsArb, fuzzParams, numText, rarely, runChecked, Tally } from './harness.js';

const list = (plausible: fc.Arbitrary<number>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(numText(plausible), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(',')) },
    { weight: 1, arbitrary: fc.tuple(numText(plausible), numText(plausible), numText(dbl(0.1, 2))).map(([a, b, s]) => `${a}:${b}:${s}`) },
  );

const sweepFlags = flagsArb(
  {
    leverage: list(dbl(1, 4)),
    trigger: fc.oneof(list(dbl(3, 12)), fc.constantFrom('2L', 'never', '1.5L,never', 'xL', '1e308L')),
    capital: list(dbl(100, 1e6)),
    venue: fc.constantFrom('hl', 'drift', 'hl,drift', 'binance'),
    model: fc.constantFrom('static', 'rebalance', 'rotation', 'rebalance,rotation'),
    convention: fc.constantFrom('exact', 'study', 'exact,study'),
    'long-fee': list(dbl(0, 30)),
  },
  0.3,
);

describe('fuzz: dnh sweep', () => {
  it('keeps the refusal contract on 500 generated grids and series', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(canonicalCsvArb(2, 12), sweepFlags, fc.constantFrom('summary', 'out', 'report-json'), async (csv, f, mode) => {
        const extra = mode === 'out' ? ['--out', '@DIR/out.json'] : mode === 'report-json' ? ['--report', '--format', 'json'] : [];
        tally.add(await runChecked({ files: { 'd.csv': csv }, argv: ['sweep', '--data', '@DIR/d.csv', ...f, ...extra], outputs: ['out.json'], json: mode === 'report-json', nullOk: /^charts\./ }));
      }),
      fuzzParams,
    );
    console.info(`fuzz dnh sweep: exit statuses ${JSON.stringify([...tally.seen])}`);
    expect(tally.seen.get(0) ?? 0, JSON.stringify([...tally.seen])).toBeGreaterThan(20);
    expect((tally.seen.get(1) ?? 0) + (tally.seen.get(2) ?? 0), JSON.stringify([...tally.seen])).toBeGreaterThan(20);
  });
});

const FIGURES = ['finalEquity', 'totalReturn', 'annualized', 'maxDrawdown', 'liquidations', 'rebalances', 'minHealthLong'] as const;
const PARAMS = ['capital', 'leverage', 'trigger', 'transferCost'] as const;
const junk = fc.constantFrom<unknown>(null, 1e308, -1e308, 0, -1, 1e-300, 'abc', '1', true, 5e-324);

describe('fuzz: dnh report', () => {
  // The results file is NDJSON (docs/outputs.md): a header line, one line per lane, one per skipped.
  let base: { lines: Record<string, unknown>[]; csv: string; dir: string };
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-fuzz-report-'));
    const data = join(dir, 'd.csv');
    const { writeFileSync } = await import('node:fs');
    const csv = readFileSync(new URL('../../../../fixtures/example/sol-synthetic-410d.csv', import.meta.url), 'utf8').split('\n').slice(0, 41).join('\n') + '\n';
    writeFileSync(data, csv);
    const r = await cli('sweep', '--data', data, '--leverage', '2,3', '--trigger', '3,4,6,never', '--venue', 'hl,drift', '--convention', 'exact,study', '--out', join(dir, 'r.json'));
    expect(r.code, r.err).toBe(0);
    base = { lines: readFileSync(join(dir, 'r.json'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>), csv, dir };
  });

  it('keeps the refusal contract on 500 results files with extreme figures and parameters', async () => {
    const tally = new Tally();
    const mutation = fc.record({ lane: fc.nat(), where: fc.constantFrom('figure', 'param'), figure: fc.constantFrom(...FIGURES), param: fc.constantFrom(...PARAMS), value: junk });
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { maxLength: 4 }),
        rarely(canonicalCsvArb(2, 12), 0.3),
        fc.constantFrom('text', 'md', 'json', 'html'),
        fc.boolean(),
        rarely(fc.constantFrom('0', '3,5', '99', '-1', '1.5', 'x'), 0.2),
        async (muts, data, format, toFile, select) => {
          const lines = structuredClone(base.lines);
          const nLanes = lines[0]!.lanes as number;
          for (const m of muts) {
            const lane = lines[1 + (m.lane % nLanes)]!;
            if (m.where === 'figure') lane[m.figure] = m.value;
            else (lane.params as Record<string, unknown>)[m.param] = m.value;
          }
          const files: Record<string, string> = { 'd.csv': base.csv, 'r.json': (lines.map((l) => JSON.stringify(l)).join('\n') + '\n').replaceAll(base.dir, '__DIR__') };
          if (data) files['other.csv'] = data;
          const argv = ['report', '--results', '@DIR/r.json', '--format', format, ...(data ? ['--data', '@DIR/other.csv'] : []), ...(select ? ['--select', select] : []), ...(toFile ? ['--out', '@DIR/rep.out'] : [])];
          tally.add(await runChecked({ files, argv, outputs: ['rep.out'], json: format === 'json' && !toFile, nullOk: /^charts\./, fixPaths: true }));
        },
      ),
      fuzzParams,
    );
    console.info(`fuzz dnh report: exit statuses ${JSON.stringify([...tally.seen])}`);
    expect(tally.seen.get(0) ?? 0, JSON.stringify([...tally.seen])).toBeGreaterThan(20);
  });
});
