/**
 * The generated help: every command and subcommand of the registry answers `--help`, `-h`,
 * `dnh help <command> [sub]` with exit 0 and a usage line, its options with their defaults and at
 * least one example; `--version` prints package.json's version; an unknown flag is one line on stderr,
 * exit 2, for every command; `dnh` alone prints the usage and exits 2.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { COMMANDS } from '../../../harness/cli/commands.js';
import type { CommandSpec } from '../../../harness/cli/spec.js';
import { cli } from '../../helpers/cli.js';

/** Every runnable command path with its declaration: ['backtest'], ['suite', 'run'], ... */
const LEAVES: [string[], CommandSpec][] = Object.values(COMMANDS).flatMap(({ spec }) => (spec.subcommands?.length ? spec.subcommands.map((s): [string[], CommandSpec] => [[spec.name, s.name], s]) : [[[spec.name], spec] as [string[], CommandSpec]]));
const PARENTS = Object.values(COMMANDS).filter((c) => c.spec.subcommands?.length).map((c) => c.spec);

describe('generated help for every command and subcommand', () => {
  it('covers the whole registry (14 commands, 22 runnable paths)', () => {
    expect(Object.keys(COMMANDS)).toHaveLength(14);
    expect(LEAVES.map(([p]) => p.join(' '))).toContain('live settle');
    expect(LEAVES.map(([p]) => p.join(' '))).toContain('scenario shocks');
    expect(LEAVES).toHaveLength(22);
  });

  for (const [path, spec] of LEAVES) {
    const name = path.join(' ');
    it(`dnh ${name}: --help, -h, help ${name} print the same usage, options with defaults and an example`, async () => {
      const runs = [await cli(...path, '--help'), await cli(...path, '-h'), await cli('help', ...path)];
      for (const r of runs) {
        expect(r.code).toBe(0);
        expect(r.err).toBe('');
        expect(r.out).toBe(runs[0]!.out);
      }
      const out = runs[0]!.out;
      expect(out).toMatch(new RegExp(`^Usage: dnh ${name} `));
      expect(out).toContain('Examples:\n  $ dnh ');
      expect(spec.examples.length).toBeGreaterThan(0);
      for (const e of spec.examples) expect(e).toMatch(/^(\w+=\S+ )?dnh /);
      for (const [opt, o] of Object.entries(spec.options)) {
        expect(out).toContain(`--${opt}`);
        if (o.def !== undefined) expect(out.replace(/\s+/g, ' ')).toContain(`(default: ${o.def})`);
      }
    });
  }

  for (const spec of PARENTS) {
    it(`dnh ${spec.name}: lists its subcommands; without one, the help on stderr and exit 2`, async () => {
      const r = await cli(spec.name, '--help');
      expect(r.code).toBe(0);
      for (const s of spec.subcommands!) expect(r.out).toContain(`  ${s.name}`);
      const bare = await cli(spec.name);
      expect(bare.code).toBe(2);
      expect(bare.err).toContain(`Usage: dnh ${spec.name}`);
    });
  }

  it('dnh --help, dnh help and dnh -h list every command (exit 0); dnh alone prints it and exits 2', async () => {
    for (const args of [['--help'], ['help'], ['-h']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      for (const name of Object.keys(COMMANDS)) expect(r.out).toContain(`  ${name}`);
    }
    const bare = await cli();
    expect(bare.code).toBe(2);
    expect(bare.out).toContain('Usage: dnh <command>');
  });

  it('dnh --version and -V print the version of package.json (and the commit when git knows it)', async () => {
    const version = (JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['--version', '-V']) {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')}( \\([0-9a-f]{7,40}\\))?\\n$`));
    }
  });

  it('an unknown command or an unknown help topic: one line, exit 2', async () => {
    for (const args of [['nosuch'], ['help', 'nosuch']]) {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^dnh: unknown command "nosuch"/);
    }
    const sub = await cli('suite', 'nosuch');
    expect(sub.code).toBe(2);
    expect(sub.err).toBe('dnh suite: unknown subcommand "nosuch" (expected run, replay) (see dnh suite --help)\n');
  });

  for (const [path] of LEAVES) {
    const name = path.join(' ');
    it(`dnh ${name} --no-such-flag: one line "dnh ${name}: Unknown option ...", exit 2, nothing on stdout`, async () => {
      const args = name === 'suite run' || name === 'suite replay' ? [...path, 'fixtures/suites/default.json'] : path;
      const r = await cli(...args, '--no-such-flag');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`dnh ${name}: Unknown option '--no-such-flag' (see dnh ${name} --help)\n`);
    });
  }

  it('a flag missing its value and a misspelt flag keep the parseArgs wording, one line', async () => {
    const missing = await cli('sweep', '--data');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("dnh sweep: Option '--data <F.csv>' argument missing (see dnh sweep --help)\n");
    const typo = await cli('backtest', '--levrage', '3');
    expect(typo.err).toBe("dnh backtest: Unknown option '--levrage' (Did you mean --leverage?) (see dnh backtest --help)\n");
  });
});

describe('the displayed defaults are the ones used', () => {
  it('backtest: capital, leverage, trigger, venue, model, convention and the hl preset as --json reports them', async () => {
    const p = JSON.parse((await cli('backtest', '--json')).out).params;
    const o = COMMANDS.backtest!.spec.options;
    expect(String(p.capital)).toBe(o.capital!.def);
    expect(String(p.leverage)).toBe(o.leverage!.def);
    expect(o.trigger!.def).toContain(`(${p.trigger} at L=${p.leverage})`);
    expect([p.venue, p.model, p.convention, p.survivor, p.legPrices]).toEqual([o.venue!.def, o.model!.def, o.convention!.def, o.survivor!.def, o.legPrices!.def]);
    expect(String(p.long.openFeeBps)).toBe(o['long.openFeeBps']!.def);
    expect(String(p.long.maintenance)).toBe(o['long.maintenance']!.def);
    expect(`${p.long.penalty.kind}:${p.long.penalty.rate}`).toBe(o['long.penalty']!.def);
    expect(o['perp.feeBps']!.def).toContain(`hl ${p.perp.feeBps}`);
    expect(o['perp.maintenance']!.def).toContain(`hl ${p.perp.maintenance}`);
    expect(o.transferCost!.def).toContain(`hl ${p.transferCost}`);
  });
  it('paper: the strategy defaults as --json reports them', async () => {
    const s = JSON.parse((await cli('paper', '--json')).out).params;
    const o = COMMANDS.paper!.spec.options;
    expect(String(s.capital)).toBe(o.capital!.def);
    expect([s.strategy.leverage, s.strategy.trigger, s.strategy.entryApy, s.strategy.stopApy, s.strategy.lookbackHours, s.strategy.exitHealth].map(String)).toEqual(
      [o.leverage!.def, o.trigger!.def, o['entry-apy']!.def, o['stop-apy']!.def, o['lookback-hours']!.def, o['exit-health']!.def],
    );
  });
});
