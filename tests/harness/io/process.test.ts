/**
 * Outputs seen from outside the process (issue 8 point 4, "must be shown"): `sweep --out` and
 * `suite run --out --html` killed with SIGKILL at several points (before, during and after the
 * writes) leave each target either unchanged or complete and valid; `| head -1` (EPIPE) ends quietly
 * with exit 0; stdout on a full disk (/dev/full) is one line, exit 1. Runs the compiled CLI (dist/).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { readSweepResults } from '../../../harness/sweep/results.js';

const MAIN = repoPath('dist', 'harness', 'cli', 'main.js');
const EXAMPLE = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
const SUITE = repoPath('fixtures', 'suites', 'default.json');

interface Killed {
  killedAt: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Run the CLI and SIGKILL it `afterMs` after the spawn, or (`'temp'`) as soon as a temp file of an
 * output appears in `dir` (the middle of a write); `null` lets it finish.
 */
function runAndKill(args: string[], dir: string, when: number | 'temp' | null, signal: NodeJS.Signals = 'SIGKILL'): Promise<Killed> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    let killedAt = 'not killed';
    let timer: NodeJS.Timeout | undefined;
    const kill = (why: string) => {
      if (child.exitCode === null && child.signalCode === null) {
        killedAt = why;
        child.kill(signal);
      }
    };
    if (typeof when === 'number') timer = setTimeout(() => kill(`${when} ms`), when);
    else if (when === 'temp') {
      timer = setInterval(() => {
        if (readdirSync(dir).some((f) => f.includes('.tmp-'))) kill('temp file present');
      }, 2);
    }
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      resolve({ killedAt, code, signal });
    });
  });
}

describe('crash safety (SIGKILL at several points)', () => {
  it('sweep --out: the target is the old file or a complete, valid new one', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} missing: npm run build`);
    const dir = mkdtempSync(join(tmpdir(), 'dnh-crash-sweep-'));
    const out = join(dir, 'results.json');
    // Old content: a small valid sweep. New content: a ~15,000-lane sweep (about 12 MB to write).
    expect(spawnSync(process.execPath, [MAIN, 'sweep', '--data', EXAMPLE, '--out', out]).status).toBe(0);
    const old = readFileSync(out);
    const args = ['sweep', '--data', EXAMPLE, '--leverage', '1.5:3.98:0.02', '--trigger', '4:10:0.1', '--venue', 'hl,drift', '--workers', '1', '--out', out];
    const seen: string[] = [];
    const counts: number[] = [];
    for (const when of [150, 'temp', 'temp', null] as const) {
      const k = await runAndKill(args, dir, when);
      seen.push(k.killedAt);
      if (readFileSync(out).equals(old)) continue;
      counts.push(readSweepResults(out).lanes.length); // throws on anything partial or malformed
    }
    expect(seen).toContain('temp file present'); // at least one kill landed mid-write
    expect(seen.at(-1)).toBe('not killed');
    const full = readSweepResults(out).lanes.length; // the last run finished
    expect(full).toBeGreaterThan(14_000);
    expect(counts.every((n) => n === full)).toBe(true);
  }, 120_000);

  it('suite run --out --html: each target is the old file or complete and valid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-crash-suite-'));
    const out = join(dir, 'r.json');
    const html = join(dir, 'r.html');
    writeFileSync(out, 'old json');
    writeFileSync(html, 'old html');
    const args = ['suite', 'run', SUITE, '--engine', 'wasm', '--out', out, '--html', html];
    for (const when of [100, 400, 'temp', null] as const) {
      const k = await runAndKill(args, dir, when);
      const j = readFileSync(out, 'utf8');
      if (j !== 'old json') expect(JSON.parse(j).content.scenarios.total, `killed at ${k.killedAt}`).toBe(320);
      const h = readFileSync(html, 'utf8');
      if (h !== 'old html') expect(h.trimEnd().endsWith('</html>'), `killed at ${k.killedAt}`).toBe(true);
    }
    expect(readFileSync(out, 'utf8')).not.toBe('old json');
    expect(readFileSync(html, 'utf8')).not.toBe('old html');
  }, 120_000);
});

describe('report from another working directory', () => {
  it('a sweep given a relative --data path is reported from elsewhere on the same file (recorded absolute)', () => {
    const a = mkdtempSync(join(tmpdir(), 'dnh-cwd-a-'));
    const b = mkdtempSync(join(tmpdir(), 'dnh-cwd-b-'));
    writeFileSync(join(a, 'rows.csv'), readFileSync(EXAMPLE));
    writeFileSync(join(b, 'rows.csv'), 'date,open,high,low,close,funding,lend_apy,borrow_apy\n'); // a decoy of the same name
    const sweep = spawnSync(process.execPath, [MAIN, 'sweep', '--data', 'rows.csv', '--out', 'r.json'], { cwd: a, encoding: 'utf8' });
    expect(sweep.status, sweep.stderr).toBe(0);
    const report = spawnSync(process.execPath, [MAIN, 'report', '--results', join(a, 'r.json')], { cwd: b, encoding: 'utf8' });
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toContain(`data hl: ${join(a, 'rows.csv')}`);
  }, 60_000);
});

describe('SIGTERM / Ctrl-C', () => {
  it('while an output is being written: no temp file is left, the target is old or complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnh-term-'));
    const out = join(dir, 'results.json');
    const args = ['sweep', '--data', EXAMPLE, '--leverage', '1.5:3.98:0.02', '--trigger', '4:10:0.1', '--venue', 'hl,drift', '--workers', '1', '--out', out];
    const k = await runAndKill(args, dir, 'temp', 'SIGTERM');
    expect(k.killedAt).toBe('temp file present');
    // The signal is handled after the synchronous write: the run either finished (0) or stopped (143).
    expect([0, 143]).toContain(k.code);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    if (existsSync(out)) expect(readSweepResults(out).lanes.length).toBeGreaterThan(14_000);
  }, 60_000);
});

describe('stdout', () => {
  it('| head -1 (EPIPE) ends quietly: exit 0, nothing on stderr', async () => {
    const child = spawn(process.execPath, [MAIN, 'scenario', 'generate', '--days', '8000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  }, 60_000);
  it('stdout on a full disk (/dev/full) is one line, exit 1', () => {
    if (!existsSync('/dev/full')) return void console.log('NOT RUN: /dev/full is absent');
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [MAIN, 'backtest', '--json'], { stdio: ['ignore', fd, 'pipe'] });
      expect(r.status).toBe(1);
      expect(r.stderr.toString()).toMatch(/^dnh: cannot write to stdout: ENOSPC[^\n]*\n$/);
    } finally {
      closeSync(fd);
    }
  });
});
