/**
 * The section 10 options on the command line: `dnh example --spot` regenerates the bundled spot
 * example byte for byte (perp columns identical to the plain example; the basis widens on crash
 * days); `dnh backtest` takes `--survivor`, `--legPrices`, `--long.liquidation` and prints them;
 * bad values and `split` on a file without spot columns are one-line usage errors naming the flag
 * and the file; the study convention rejects the options; `dnh sweep` sweeps them as axes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCanonicalCsv } from '../../engine/data/csv.js';
import { repoPath } from '../../engine/paths.js';
import { cli } from '../helpers/cli.js';

const SPOT = repoPath('fixtures', 'example', 'sol-synthetic-410d-spot.csv');
const PLAIN = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');

describe('dnh example --spot', () => {
  it('regenerates the bundled spot example byte for byte, with the plain example as its perp columns', async () => {
    const r = await cli('example', '--spot');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(SPOT, 'utf8'));
    const perp = r.out.split('\n').map((l) => l.split(',').slice(0, 8).join(',')).join('\n');
    expect(perp).toBe(readFileSync(PLAIN, 'utf8'));
  });

  it('has a small basis on ordinary days that widens on the crash days', () => {
    const rows = parseCanonicalCsv(readFileSync(SPOT, 'utf8'), SPOT);
    const basisClose = rows.map((r) => r.spotClose! / r.close - 1);
    const median = [...basisClose].map(Math.abs).sort((a, b) => a - b)[Math.floor(rows.length / 2)]!;
    expect(median).toBeLessThan(0.002);
    const crash = [...rows].sort((a, b) => a.low / a.open - b.low / b.open).slice(0, 3);
    for (const r of crash) expect(r.spotLow! / r.low - 1).toBeGreaterThan(0.015);
  });
});

describe('dnh backtest with the section 10 options', () => {
  it('runs with every option on and prints the values used', async () => {
    const r = await cli('backtest', '--data', SPOT, '--leverage', '3', '--trigger', '6', '--survivor', 'liquidation', '--legPrices', 'split', '--long.liquidation', 'partial:0.2:0.05');
    expect(r.code).toBe(0);
    expect(r.out).toContain('execution survivor liquidation  legPrices split  long.liquidation partial:0.2:0.05');
    const j = JSON.parse((await cli('backtest', '--data', SPOT, '--json', '--events', '--long.liquidation', 'partial:0.2:0.05', '--leverage', '3', '--trigger', '6')).out);
    expect(j.params.long.liquidation).toEqual({ kind: 'partial', closeFactor: 0.2, bonus: 0.05 });
    expect(j.events.some((e: { kind: string }) => e.kind === 'partial')).toBe(true);
  });

  it.each([
    [['--survivor', 'never'], /--survivor: expected one of close, liquidation/],
    [['--legPrices', 'spot'], /--legPrices: expected one of perp, split/],
    [['--long.liquidation', 'partial:0:0.05'], /close factor CF must lie in \(0, 1\]/],
    [['--long.liquidation', 'partial:0.2:1'], /BONUS must lie in \[0, 1\)/],
    [['--long.liquidation', 'partial:0.2'], /expected full or partial:CF:BONUS/],
    [['--long.liquidation', 'partial:x:0.05'], /finite number/],
    [['--legPrices', 'split', '--data', PLAIN], /legPrices: split needs the spot_open.*sol-synthetic-410d\.csv has none/],
    [['--convention', 'study', '--survivor', 'liquidation'], /survivor: the study convention has only survivor close/],
    [['--convention', 'study', '--long.liquidation', 'partial:0.2:0.05'], /long.liquidation: the study convention has only full/],
  ])('rejects %j with exit 2 and one line', async (args, msg) => {
    const r = await cli('backtest', ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n').length).toBe(1);
  });
});

describe('dnh sweep with section 10 axes', () => {
  it('sweeps survivor x legPrices x long.liquidation like leverage, labelling each lane', async () => {
    const r = await cli('sweep', '--data', SPOT, '--leverage', '2,3', '--trigger', '2L', '--survivor', 'close,liquidation', '--legPrices', 'perp,split', '--long.liquidation', 'full,partial:0.2:0.05');
    expect(r.code).toBe(0);
    expect(r.out).toContain('sweep: 16 lanes run, 0 skipped');
    expect(r.out).toMatch(/survivor=liquidation split partial:0\.2:0\.05/);
  });

  it('skips the options under the study convention with the reason', async () => {
    const r = await cli('sweep', '--data', SPOT, '--leverage', '2', '--trigger', '2L', '--convention', 'exact,study', '--survivor', 'liquidation');
    expect(r.out).toContain('1 lanes run, 1 skipped');
  });
});

describe('dnh report on a sweep file written before section 10', () => {
  it('reads lanes without the options as the defaults they ran', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-old-sweep-'));
    const file = join(dir, 'sweep.json');
    expect((await cli('sweep', '--data', PLAIN, '--leverage', '2,3', '--trigger', '2L,never', '--out', file)).code).toBe(0);
    // NDJSON (version 2): a header line, then one line per lane; strip the section 10 fields from the lanes.
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    for (const l of lines.slice(1)) {
      if (!l.params) continue;
      delete l.params.survivor;
      delete l.params.legPrices;
      delete l.params.long.liquidation;
    }
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await cli('report', '--results', file, '--data', PLAIN);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});
