/**
 * Shared pieces of the seeded CLI fuzz tests (issue 8): arbitraries for number texts (valid, extreme
 * and malformed), canonical and hourly CSV rows, and `runChecked`, which runs one CLI command
 * in-process inside a fresh temp dir and asserts the refusal contract:
 * - the exit status is 0, 1, 2 or 3, and the command never throws (an internal error);
 * - no stack trace, no `internal error` in anything printed;
 * - on exit 0 nothing printed spells NaN or Infinity, and the JSON output (when asked for) holds no
 *   null where a figure stands (JSON's spelling of NaN);
 * - on exit 1 or 2 stdout is empty and stderr ends with one `dnh <command>: ...` line;
 * - on exit 3 the failing reason is named;
 * - no file other than the requested outputs appears in the temp dir, and a failed run (1 or 2)
 *   leaves no output and no temp file.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { formatIsoDay } from '../../../../engine/data/dates.js';
import { firstNonFinite } from '../../../../harness/verdict/finite.js';
import { cli } from '../../../helpers/cli.js';

/** The fuzz seed (printed by fast-check with the shrunk counterexample on failure). */
export const FUZZ_SEED = 20_260_803;
export const RUNS = 500;
export const fuzzParams = { seed: FUZZ_SEED, numRuns: RUNS, endOnFailure: true } as const;

const MALFORMED = ['0x10', '0XDA', '0b1', '0o7', '1_000', '+1', '.5', '5.', 'Infinity', '-Infinity', 'NaN', '', ' ', 'abc', '1e999', '-1e999', '--1', '1,5', '1e', '0x1p3', '１'];
const EXTREME = ['1e308', '-1e308', '1e-305', '-1e-305', '5e-324', '0', '-0', '1e300', '-1e300', '1e12', '1e-7', '20000', '-1', '-5', '999', '1000', '100000'];

/** A number as text: mostly plausible, often extreme, sometimes malformed. */
export function numText(plausible: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: plausible.map(String) },
    { weight: 2, arbitrary: fc.constantFrom(...EXTREME) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED) },
    { weight: 1, arbitrary: fc.double().map(String) },
  );
}

/** `x` with probability `p`, else null (fast-check's `option` is the other way round: nil with 1/freq). */
export function rarely<T>(x: fc.Arbitrary<T>, p: number): fc.Arbitrary<T | null> {
  return fc.tuple(fc.noBias(fc.integer({ min: 0, max: 9999 })), x).map(([u, v]) => (u < p * 10_000 ? v : null));
}

export const dbl = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

export interface Day {
  date: string;
  open: string;
  high: string;
  low: string;
  close: string;
  funding: string;
  lend: string;
  borrow: string;
}

/** A plausible day (consistent OHLC near `p`), then (with probability `mess`) a field replaced by an arbitrary number text. */
const dayArb = (mess: number) => fc.record({
  p: dbl(20, 400),
  up: dbl(0, 0.05),
  down: dbl(0, 0.05),
  move: dbl(-0.05, 0.05),
  funding: dbl(-0.003, 0.003),
  lend: dbl(0, 0.3),
  borrow: dbl(0, 0.5),
  patch: rarely(fc.record({ field: fc.constantFrom('open', 'high', 'low', 'close', 'funding', 'lend', 'borrow'), text: numText(dbl(-1e3, 1e3)) }), 0.03 * mess),
});

const DATE_JUNK = ['0025-01-01', '0099-12-31', '1969-12-31', '2025-02-30', '2025-13-01', '2201-01-01', '25-01-01', '', 'x'];

/** Canonical daily rows as CSV text: `minDays..maxDays` days from a random start, some fields and dates malformed. */
export function canonicalCsvArb(minDays = 2, maxDays = 12, mess = 1): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 0, max: 20_000 }), fc.array(dayArb(mess), { minLength: minDays, maxLength: maxDays }), rarely(fc.tuple(fc.nat(), fc.constantFrom(...DATE_JUNK)), 0.08 * mess))
    .map(([d0, days, badDate]) => {
      const rows = days.map((d, i): Day => {
        const open = d.p;
        const close = d.p * (1 + d.move);
        const r: Day = {
          date: formatIsoDay(d0 + i), open: String(open), high: String(Math.max(open, close) * (1 + d.up)), low: String(Math.min(open, close) * (1 - d.down)),
          close: String(close), funding: String(d.funding), lend: String(d.lend), borrow: String(d.borrow),
        };
        if (d.patch) r[d.patch.field as keyof Day] = d.patch.text;
        return r;
      });
      if (badDate) rows[badDate[0] % rows.length]!.date = badDate[1];
      return ['date,open,high,low,close,funding,lend_apy,borrow_apy', ...rows.map((r) => [r.date, r.open, r.high, r.low, r.close, r.funding, r.lend, r.borrow].join(','))].join('\n') + '\n';
    });
}

/** An hourly CSV (paper --hourly): `24..72` hours, some fields malformed or extreme, some emptied. */
export function hourlyCsvArb(): fc.Arbitrary<string> {
  const hour = fc.record({
    price: dbl(50, 300),
    funding: dbl(-2e-4, 2e-4),
    lend: dbl(0, 0.3),
    borrow: dbl(0, 0.5),
    patch: rarely(fc.record({ k: fc.integer({ min: 1, max: 4 }), text: numText(dbl(-10, 10)) }), 0.004),
  });
  return fc.tuple(fc.integer({ min: 19_000, max: 21_000 }), fc.array(hour, { minLength: 24, maxLength: 72 })).map(([d0, hours]) => {
    const lines = ['time,price,funding,lend_apy,borrow_apy'];
    hours.forEach((h, i) => {
      const f = [`${formatIsoDay(d0 + Math.floor(i / 24))}T${String(i % 24).padStart(2, '0')}:00:00Z`, String(h.price), String(h.funding), String(h.lend), String(h.borrow)];
      if (h.patch) f[h.patch.k] = h.patch.text;
      lines.push(f.join(','));
    });
    return lines.join('\n') + '\n';
  });
}

/** `--flag=value` pairs: each flag of `flags` present with probability `presence`, its value a number text (or a word). */
export function flagsArb(flags: Record<string, fc.Arbitrary<string>>, presence = 0.15): fc.Arbitrary<string[]> {
  const entries = Object.entries(flags).map(([name, value]) => rarely(value.map((v) => `--${name}=${v}`), presence));
  return fc.tuple(...entries).map((xs) => xs.filter((x): x is string => x !== null));
}

export interface Case {
  /** Input files to write into the temp dir: name -> content. */
  files: Record<string, string>;
  /** argv; `@DIR` in an argument is replaced by the temp dir. */
  argv: string[];
  /** Output files the command may create (names in the temp dir), on exit 0 or 3. */
  outputs?: string[];
  /** stdout is one JSON document on exit 0 (null where a figure stands is a failure, except under `nullOk` paths). */
  json?: boolean;
  /** JSON paths (regexp on the dotted path) where null is allowed (report charts: skipped cells). */
  nullOk?: RegExp;
  /** Replace `__DIR__` inside the input files by the temp dir (results files naming their data). */
  fixPaths?: boolean;
  /** On exit 3, whether stdout names the failing reason (default: the text report's FAIL lines). */
  failReasonNamed?: (stdout: string) => boolean;
}

function nullPaths(v: unknown, path = '', out: string[] = []): string[] {
  if (v === null) out.push(path || '(root)');
  else if (Array.isArray(v)) v.forEach((x, i) => nullPaths(x, `${path}[${i}]`, out));
  else if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) nullPaths(x, path ? `${path}.${k}` : k, out);
  return out;
}

const STACK = /\n\s+at |internal error|TypeError|RangeError|ReferenceError|SyntaxError: (?!.*JSON)/;

/** Run one case in a fresh temp dir and assert the contract; returns the exit status. */
export async function runChecked(c: Case): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'dnh-fuzz-'));
  try {
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), c.fixPaths ? text.replaceAll('__DIR__', dir) : text);
    const before = new Set(readdirSync(dir));
    const argv = c.argv.map((a) => a.replaceAll('@DIR', dir));
    let r;
    try {
      r = await cli(...argv);
    } catch (e) {
      throw new Error(`dnh ${argv.join(' ')} threw: ${(e as Error)?.stack ?? String(e)}`);
    }
    if (process.env.FUZZ_LOG && r.code === 1) console.log(r.err.trim().split("\n").at(-1)?.slice(0, 160));
    const what = `dnh ${argv.join(' ')} -> exit ${r.code}\nstdout: ${r.out.slice(0, 600)}\nstderr: ${r.err.slice(0, 600)}`;
    expect([0, 1, 2, 3], what).toContain(r.code);
    expect(STACK.test(r.out) || STACK.test(r.err), what).toBe(false);
    if (r.code === 0) {
      expect(/\bNaN\b|Infinity/.test(r.out), what).toBe(false);
      if (c.json) {
        const doc = JSON.parse(r.out) as unknown;
        expect(firstNonFinite(doc), what).toBeNull();
        const nulls = nullPaths(doc).filter((p) => !(c.nullOk && c.nullOk.test(p)));
        expect(nulls, what).toEqual([]);
      }
    } else if (r.code === 3) {
      if (c.failReasonNamed) expect(c.failReasonNamed(r.out), what).toBe(true);
      else {
        expect(r.out, what).toMatch(/FAIL/);
        expect(r.out, what).toMatch(/configuration thresholds failed|failing scenarios|invalid runs/);
      }
    } else {
      expect(r.out, what).toBe('');
      const last = r.err.trim().split('\n').at(-1) ?? '';
      expect(last, what).toMatch(/^dnh \w+: \S/);
    }
    const after = readdirSync(dir).filter((f) => !before.has(f));
    const allowed = r.code === 0 || r.code === 3 ? new Set(c.outputs ?? []) : new Set<string>();
    expect(after.filter((f) => !allowed.has(f)), `${what}\nunexpected files`).toEqual([]);
    return r.code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Exit statuses seen, so each family can show it reached both acceptance and refusal. */
export class Tally {
  readonly seen = new Map<number, number>();
  add(code: number): void {
    this.seen.set(code, (this.seen.get(code) ?? 0) + 1);
  }
}
