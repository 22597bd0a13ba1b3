/**
 * Rule 1 on the commands whose inputs, once bounded, leave no known way to a non-finite figure
 * (`study`, `paper`): the engine is wrapped so that one figure of a real run becomes NaN or Infinity,
 * and the command must refuse it (exit 1 naming the run and the field) instead of printing it.
 * The wrapped modules call the real ones; only the corrupted figure differs.
 */
import { describe, expect, it, vi } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { canonicalCsv, oneLine, tempDir, write } from './files.js';

const corrupt = vi.hoisted(() => ({ on: false }));

vi.mock('../../../harness/study/study-runs.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../harness/study/study-runs.js')>();
  return {
    ...mod,
    runStudy: (...args: Parameters<typeof mod.runStudy>) => {
      const s = mod.runStudy(...args);
      if (corrupt.on) s.triggers[1]![2] = { ...s.triggers[1]![2]!, maxDrawdown: NaN };
      return s;
    },
  };
});

vi.mock('../../../engine/drivers/paperDriver.js', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../engine/drivers/paperDriver.js')>();
  return {
    ...mod,
    runPaper: async (...args: Parameters<typeof mod.runPaper>) => {
      const r = await mod.runPaper(...args);
      if (corrupt.on) r.final = { ...r.final, price: Infinity };
      return r;
    },
  };
});

const dir = tempDir();
const data = write(dir, 'ok.csv', canonicalCsv(40));

describe('study: an invalid run is refused, not printed', () => {
  it('exit 1 naming the lane and the field; the same input passes when nothing is corrupted', async () => {
    corrupt.on = false;
    const ok = await cli('study', '--hl', data, '--drift', data, '--convention', 'exact');
    expect(ok.code, ok.err).toBe(0);
    corrupt.on = true;
    const r = await cli('study', '--hl', data, '--drift', data, '--convention', 'exact');
    corrupt.on = false;
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/invalid run \(hl rebalance exact \$10,000 3x\/\d+\): maxDrawdown is not a finite number/);
    expect(oneLine(r.err)).toBe(true);
  });
});

describe('paper: an invalid run is refused, not printed', () => {
  it('exit 1 naming the field; the same input passes when nothing is corrupted', async () => {
    corrupt.on = false;
    expect((await cli('paper', '--data', data, '--json')).code).toBe(0);
    corrupt.on = true;
    const r = await cli('paper', '--data', data, '--json');
    corrupt.on = false;
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/invalid run: final\.price is not a finite number/);
    expect(oneLine(r.err)).toBe(true);
  });
});
