/**
 * `dnh study` reproduces the feasibility study: the published final equities of MODEL.md section 9
 * to the cent, and the study's own printed lines (copied below from its published output,
 * joasgard/Basisfeasibility data/rebalance_backtest_output.txt) character for character.
 * Needs ../shared (the study CSVs); a separate test always runs and says so when it is absent.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCanonicalCsv } from '../../../engine/data/csv.js';
import { sharedDir } from '../../../engine/paths.js';
import { runCli } from '../../../harness/cli/main.js';
import type { CliIo } from '../../../harness/cli/io.js';
import { runStudy } from '../../../harness/study/study-runs.js';
import { pyFixed } from '../../../harness/study/pyfmt.js';

const shared = sharedDir();

/** MODEL.md section 9: published final equities at $10k. */
const PUBLISHED: [venue: 'hl' | 'drift', lev: number, trigger: number, final: string][] = [
  ['hl', 2, 4, '9459.61'], ['hl', 2, 5, '10450.92'], ['hl', 3, 6, '9609.68'], ['hl', 4, 8, '7800.51'],
  ['drift', 2, 4, '9455.67'], ['drift', 3, 8, '9851.06'], ['drift', 4, 8, '10253.11'],
];

/** Lines of the study's printed report (Hyperliquid), verbatim. */
const PRINTED = [
  '$   1,000   2x     -8.5% $      75 $      32   42.8%          8        1     1   15.1%',
  '$  10,000   3x     -3.5% $     771 $      87   11.3%          7        1     1    8.4%',
  '$ 100,000   4x    -19.3% $   8,833 $   2,406   27.2%         12        5     5   31.4%',
  '          5x     +4.0%      5     0     0 $    37 $      0',
  '       never    -42.4%      0    19    19 $   870 $  9,035',
  '  → Best: 8x trigger (-19.6%)',
  '$  10,000   4x │    -19.6% $     283     12 cap │ 5 full rotations, 5 liquidations',
  '  0.05%     -3.2% $        58',
  ' 3x  $     205 $     566 $     771 $    87 $    830 $    -244  $    -390 (-3.5%)',
  ' 4x  $     125 $     758 $     883 $   283 $  3,244 $     445  $  -2,199 (-19.6%)',
  '  Min equity:    $9,201  (on 2025-04-08)',
  '  Std dev:       $266',
];

describe('dnh study', () => {
  it('reports whether ../shared is present', () => {
    const message = shared ? `study tests run against ${shared}` : 'not run: ../shared absent (dnh study needs ../shared/data/sol-*-study.csv)';
    console.log(message);
    expect(message.length).toBeGreaterThan(0);
  });

  it('Python-style number formats used by the printed tables', () => {
    expect(pyFixed(1234.4, 8, 0, { comma: true })).toBe('   1,234');
    expect(pyFixed(-4.84, 8, 1, { sign: true })).toBe('    -4.8');
    expect(pyFixed(-0.04, 0, 1, { sign: true })).toBe('-0.0');
    expect(pyFixed(3.3, 8, 1, { sign: true })).toBe('    +3.3');
  });

  it.runIf(shared)('reproduces the published final equities of MODEL.md section 9 to the cent', () => {
    for (const venue of ['hl', 'drift'] as const) {
      const rows = loadCanonicalCsv(join(shared!, 'data', `sol-${venue}-study.csv`));
      const s = runStudy(rows, venue, 'study');
      for (const [v, lev, trig, final] of PUBLISHED.filter((p) => p[0] === venue)) {
        const run = s.triggers[lev - 2]!.find((x) => x.params.trigger === trig)!;
        expect(run.finalEquity.toFixed(2), `${v} ${lev}x/${trig}`).toBe(final);
      }
    }
  });

  describe.runIf(shared)('printed report', () => {
    let out = '';
    beforeAll(async () => {
      const io = { out: (t: string) => void (out += t), err: () => {}, isTty: false } as CliIo;
      expect(await runCli(['study'], io)).toBe(0);
    });
    it('prints the study convention for both venues, then the exact convention', () => {
      const heads = [...out.matchAll(/REBALANCING — (\w+) short, (\w+) convention/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(heads).toEqual(['Hyperliquid study', 'Drift study', 'Hyperliquid exact', 'Drift exact']);
    });
    it('its Hyperliquid tables match the study printout line for line', () => {
      const hl = out.slice(0, out.indexOf('Drift short'));
      for (const line of PRINTED) {
        const found = hl.split('\n').some((l) => l === line || l.startsWith(line + ' '));
        expect(found, `missing line:\n${line}`).toBe(true);
      }
    });
    it('the published final equities appear in the trigger tables', () => {
      expect(out).toMatch(/ {10}5x {5}\+4\.0% .* 10,450\.92/);
      expect(out).toMatch(/ {10}8x {5}\+2\.3% .* 10,253\.11/);
    });
  });
});

describe.runIf(shared)('dnh study Fee%', () => {
  it('is n/a when gross is not positive (Drift, study convention), a percentage otherwise; the Hyperliquid study lines are unchanged', async () => {
    let out = '';
    const io = { out: (t: string) => void (out += t), err: () => {}, isTty: false } as CliIo;
    expect(await runCli(['study', '--convention', 'study'], io)).toBe(0);
    const drift = out.slice(out.indexOf('Drift short'));
    const lines = drift.split('\n').filter((l) => /^\$ +[\d,]+ +\dx /.test(l)).slice(0, 9);
    expect(lines).toHaveLength(9);
    for (const l of lines) {
      const gross = Number(/^\$ +[\d,]+ +\dx +[+-][\d.]+% \$ *(-?[\d,]+)/.exec(l)![1]!.replace(/,/g, ''));
      if (gross <= 0) expect(l, l).toMatch(/ \$ +[\d,]+ +n\/a +\d+ /);
      else expect(l, l).toMatch(/ \d+\.\d% +\d+ /);
    }
    expect(lines.some((l) => l.includes('n/a'))).toBe(true);
    expect(out).not.toMatch(/\d{5,}\.\d%/);
  });
});
