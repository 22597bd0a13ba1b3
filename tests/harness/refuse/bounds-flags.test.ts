/**
 * Issue 8, rule 2, flags: one strict decimal grammar for numeric flags (no hex, binary, octal, `_`,
 * Infinity/NaN, leading `+` or `.`), and plausibility bounds (docs/bounds.md) for every value a flag or
 * a grid gives: `--capital 1e308`, `--long.closeFeeBps 1e308`, `--perp.feeBps 20000` were accepted and
 * gave nonsense; now each is exit 2 naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { canonicalCsv, oneLine, tempDir, write } from './files.js';

const dir = tempDir();
const data = write(dir, 'ok.csv', canonicalCsv(20));

describe('backtest flags out of the plausible range are refused (exit 2, naming the flag)', () => {
  it.each([
    ['--capital', '1e308'],
    ['--long.closeFeeBps', '1e308'],
    ['--perp.feeBps', '20000'],
    ['--long.openFeeBps', '5000'],
    ['--transferCost', '1e300'],
    ['--capital', '0.001'],
    ['--leverage', '1000'],
  ])('%s %s', async (flag, value) => {
    const r = await cli('backtest', '--data', data, flag, value, '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(flag);
    expect(r.err).toMatch(/docs\/bounds\.md/);
    expect(oneLine(r.err)).toBe(true);
  });
});

describe('one strict decimal grammar for numeric flags', () => {
  it.each(['0x2', '0b10', '0o2', '2_0', 'Infinity', '-Infinity', 'NaN', '+2', '.5e1', '2.', '1e', ' ', ''])('--leverage "%s" is refused', async (value) => {
    const r = await cli('backtest', '--data', data, '--leverage', value, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--leverage');
    expect(oneLine(r.err)).toBe(true);
  });
  it.each(['2', '2.5', '3e0', '25E-1'])('--leverage "%s" is accepted', async (value) => {
    const r = await cli('backtest', '--data', data, '--leverage', value, '--json');
    expect(r.code, r.err).toBe(0);
  });
});

describe('sweep and suite grids are bounded the same way', () => {
  it('sweep --capital 1e308 is exit 2 naming the flag', async () => {
    const r = await cli('sweep', '--data', data, '--capital', '1e308');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--capital');
  });
  it('sweep --long-fee 20000 is exit 2 naming the flag', async () => {
    const r = await cli('sweep', '--data', data, '--long-fee', '20000');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--long-fee');
  });
  it('a suite grid with capital 1e308 is refused naming the field (it printed PASS)', async () => {
    const suite = write(dir, 'bigcap.json', JSON.stringify({
      name: 'bigcap', seed: 1,
      scenarios: [{ name: 'g', kind: 'generated', count: 2, params: { days: 30 } }],
      grid: { venue: ['hl'], leverage: [2], trigger: [4], model: ['rebalance'], convention: ['exact'], capital: [1e308] },
    }));
    const r = await cli('suite', 'run', suite);
    expect([1, 2]).toContain(r.code);
    expect(r.out).not.toMatch(/PASS/);
    expect(r.err).toMatch(/grid\.capital/);
  });
  it('a suite generator start price below the floor is refused naming the field', async () => {
    const suite = write(dir, 'tinystart.json', JSON.stringify({
      name: 'tiny', seed: 1,
      scenarios: [{ name: 'g', kind: 'generated', count: 2, params: { days: 30, startPrice: 1e-300 } }],
      grid: { venue: ['hl'], leverage: [2], trigger: [4] },
    }));
    const r = await cli('suite', 'run', suite);
    expect([1, 2]).toContain(r.code);
    expect(r.err).toMatch(/startPrice/);
  });
});

describe('paper flags', () => {
  it.each([['--entry-apy', '1e308'], ['--stop-apy', '-1e308'], ['--lookback-hours', '1e12'], ['--capital', '0x10']])('%s %s is exit 2 naming the flag', async (flag, value) => {
    const r = await cli('paper', flag, value, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain(flag);
    expect(oneLine(r.err)).toBe(true);
  });
});
