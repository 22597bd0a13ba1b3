/**
 * The sweep: every lane equals a single `backtest()` run and a single `dnh backtest --json` run
 * with the same parameters; 1 and 2 worker threads give identical results; invalid combinations
 * are skipped and listed, never run; grid flags and grid files expand to the same lanes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backtest } from '../../../engine/backtest.js';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { repoPath } from '../../../engine/paths.js';
import type { BacktestResult } from '../../../engine/model/types.js';
import { runCli } from '../../../harness/cli/main.js';
import type { CliIo } from '../../../harness/cli/io.js';
import { expandGrid, parseNumberList, parseTriggerList, readGridFile } from '../../../harness/sweep/grid.js';
import { runSweep, workerScript } from '../../../harness/sweep/pool.js';
import { readSweepResults } from '../../../harness/sweep/results.js';

const file = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
const rows = loadCanonicalCsv(file);
const data = { hl: rows, drift: rows };
const capture = () => {
  const io = { outText: '', errText: '', isTty: false, out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io as CliIo & { outText: string; errText: string };
};
const spec = {
  leverage: [1.5, 2, 3, 4],
  trigger: ['2L', 3, 5, 999] as const,
  venue: ['hl', 'drift'] as const,
  model: ['static', 'rebalance', 'rotation'] as const,
  convention: ['exact', 'study'] as const,
};

describe('grid expansion', () => {
  it('lists: values, inclusive ranges, kL triggers and never', () => {
    expect(parseNumberList('--leverage', '1.5:2.5:0.25')).toEqual([1.5, 1.75, 2, 2.25, 2.5]);
    expect(parseNumberList('--capital', '1000,10000')).toEqual([1000, 10000]);
    expect(parseTriggerList('3,2L,never,4:6:1')).toEqual([3, '2L', 999, 4, 5, 6]);
  });
  it('invalid combinations are skipped with the reason; the rest are all valid lanes', () => {
    const { lanes, skipped } = expandGrid({ ...spec, trigger: [...spec.trigger], venue: [...spec.venue], model: [...spec.model], convention: [...spec.convention] });
    const total = 4 * 4 * 2 * 3 * 2;
    expect(lanes.length + skipped.length).toBe(total);
    // The study convention has only the rebalance model: static and rotation are skipped there.
    expect(skipped.filter((s) => s.overrides.convention === 'study' && s.overrides.model !== 'rebalance').length).toBe(4 * 4 * 2 * 2);
    // Trigger 3 at leverage 3 is below 1.2 L: invalid under both conventions.
    expect(skipped.some((s) => s.overrides.leverage === 3 && s.overrides.trigger === 3 && /1.2 x leverage/.test(s.reason))).toBe(true);
    expect(lanes.every((l) => l.trigger >= 1.2 * l.leverage * (1 - 1e-9) || l.trigger === 999)).toBe(true);
  });
  it('a JSON grid file reads to the same spec as the flags', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'dnh-grid-')), 'grid.json');
    writeFileSync(f, JSON.stringify({ leverage: [2, 3], trigger: ['2L', 'never', 5], venue: ['hl', 'drift'], convention: 'exact,study' }));
    expect(readGridFile(f)).toEqual({ leverage: [2, 3], trigger: ['2L', 999, 5], venue: ['hl', 'drift'], convention: ['exact', 'study'] });
  });
});

describe('sweep results', () => {
  const { lanes } = expandGrid({ ...spec, trigger: [...spec.trigger], venue: [...spec.venue], model: [...spec.model], convention: [...spec.convention] });
  let one: BacktestResult[];
  beforeAll(async () => {
    one = await runSweep(data, lanes, { workers: 1, chunk: 7 });
  });
  it('equal single backtest() runs, lane by lane', () => {
    expect(one).toHaveLength(lanes.length);
    lanes.forEach((p, i) => expect(one[i], `lane ${i}`).toEqual(backtest(rows, p)));
  });
  it('equal `dnh backtest --json` runs (a sample of lanes)', async () => {
    for (const i of [0, Math.floor(lanes.length / 2), lanes.length - 1]) {
      const p = lanes[i]!;
      const io = capture();
      const argv = ['backtest', '--data', file, '--json', '--venue', p.venue, '--model', p.model, '--convention', p.convention,
        '--capital', String(p.capital), '--leverage', String(p.leverage), '--trigger', String(p.trigger)];
      expect(await runCli(argv, io), io.errText).toBe(0);
      const single = JSON.parse(io.outText) as Record<string, unknown>;
      expect(single.finalEquity).toBe(one[i]!.finalEquity);
      expect(single.annualized).toBe(one[i]!.annualized);
      expect(single.waterfall).toEqual(one[i]!.waterfall);
      expect(single.params).toEqual(one[i]!.params);
    }
  });
  it('are identical with 1 and 2 worker threads (needs the compiled worker: npm run build)', async () => {
    expect(workerScript()).toMatch(/worker\.js$/);
    const two = await runSweep(data, lanes, { workers: 2, chunk: 11, detail: [3, lanes.length - 2] });
    expect(two.map(({ events: _e, equity: _q, ...r }) => r)).toEqual(one);
    expect(two[3]!.equity).toEqual(backtest(rows, lanes[3]!, { equity: true }).equity);
  });
  it('report progress up to the total', async () => {
    const seen: number[] = [];
    await runSweep(data, lanes.slice(0, 30), { workers: 1, chunk: 8, onProgress: (d) => seen.push(d) });
    expect(seen).toEqual([8, 16, 24, 30].filter((x) => x <= 30));
  });
});

describe('dnh sweep', () => {
  it('writes results, lists skipped combinations, and prints no progress bar when piped', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dnh-sweep-')), 'results.json');
    const io = capture();
    const code = await runCli(['sweep', '--data', file, '--leverage', '2,3', '--trigger', '3,4,never', '--venue', 'hl,drift', '--workers', '1', '--out', out], io);
    expect(code, io.errText).toBe(0);
    const res = readSweepResults(out);
    expect(res.lanes).toHaveLength(10);
    expect(res.skipped).toHaveLength(2);
    expect(io.outText).toMatch(/10 lanes run, 2 skipped/);
    expect(io.outText).toMatch(/skipped \(invalid combinations.*\n.*3x\/3: trigger\/leverage: invalid combination/);
    expect(io.errText).toBe('');
    expect(res.lanes[0]).toEqual(backtest(rows, res.lanes[0]!.params));
  });
  it('--report prints the report in the chosen format instead of the summary', async () => {
    const io = capture();
    const code = await runCli(['sweep', '--data', file, '--leverage', '2', '--trigger', '3,4', '--venue', 'hl,drift', '--report', '--format', 'md'], io);
    expect(code, io.errText).toBe(0);
    expect(io.outText).toMatch(/^# Delta-neutral sweep report/);
    expect(io.outText).toContain('## Best trigger per leverage');
  });
  it('a grid where every combination is invalid is a usage error', async () => {
    const io = capture();
    expect(await runCli(['sweep', '--data', file, '--leverage', '4', '--trigger', '3'], io)).toBe(2);
    expect(io.errText).toMatch(/invalid/);
  });
});
