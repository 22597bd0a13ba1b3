/**
 * The README's "Typical session", read from README.md (so it cannot drift) and run end to end as the
 * user would type it (`./dnh ...` from the checkout): every command exits 0. Outputs the block names
 * without a folder (sweep.json, report.html, equity.csv, ...) are redirected to a temporary folder, so
 * the clone stays clean. Needs ../shared (the study and the real HL series): NOT RUN when absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath, repoRoot, sharedDir } from '../../../engine/paths.js';

/** The commands of the README block after "Typical session", continuation lines joined, comments dropped. */
export function readmeSession(readme: string): string[][] {
  const start = readme.indexOf('Typical session');
  if (start < 0) throw new Error('README.md has no "Typical session"');
  const open = readme.indexOf('```sh\n', start);
  const block = readme.slice(open + 6, readme.indexOf('```', open + 6));
  return block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.replace(/\s#.*$/, '').trim())
    .filter((l) => l !== '')
    .map((l) => l.split(/\s+/));
}

const OUTPUT = /^[\w.-]+\.(json|html|csv|txt|md)$/;

describe("README's typical session", () => {
  const session = readmeSession(readFileSync(repoPath('README.md'), 'utf8'));

  it('is a list of ./dnh commands (at least study, sweep, report, suite run, paper)', () => {
    for (const c of session) expect(c[0]).toBe('./dnh');
    const names = session.map((c) => c.slice(1, 3).join(' '));
    for (const n of ['study', 'sweep --data', 'report --results', 'suite run', 'paper --config']) expect(names.some((x) => x.startsWith(n))).toBe(true);
  });

  it('runs end to end, every command exit 0, outputs in a temporary folder', () => {
    if (!sharedDir() || !existsSync(join(repoRoot(), '..', 'shared', 'data', 'sol-hl-study.csv'))) {
      console.warn('NOT RUN: ../shared/data is absent, so the README session (study, sweep on the HL series) did not run');
      return;
    }
    const out = mkdtempSync(join(tmpdir(), 'dnh-readme-'));
    for (const cmd of session) {
      const args = cmd.slice(1).map((a) => (OUTPUT.test(a) ? join(out, a) : a));
      const r = spawnSync(repoPath('dnh'), args, { cwd: repoRoot(), encoding: 'utf8', timeout: 60_000 });
      expect(r.status, `${cmd.join(' ')}\n${r.stderr}`).toBe(0);
      expect(r.stderr, cmd.join(' ')).not.toMatch(/\n\s+at /);
    }
    for (const f of ['sweep.json', 'report.html', 'equity.csv', 'events.csv']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  }, 120_000);
});
