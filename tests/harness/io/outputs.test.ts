/**
 * Outputs (issue 8 point 4): every command refuses, before any work, an output that is one of its
 * inputs or a directory (exit 2, the input untouched); writes are temp + fsync + rename with the temp
 * removed on every failure; a set of outputs is all-or-nothing; a full disk is one line (exit 1).
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, UsageError } from '../../../engine/errors.js';
import { repoPath } from '../../../engine/paths.js';
import { checkOutputs, withWriteFs, writeFileAtomic, writeOutputs } from '../../../harness/io/atomic.js';
import { cli } from '../../helpers/cli.js';

const EXAMPLE = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
const SUITE = repoPath('fixtures', 'suites', 'default.json');
const fresh = () => mkdtempSync(join(tmpdir(), 'dnh-out-'));
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

/** A copy of the example data in a fresh folder (so a test may try to overwrite it). */
function dataCopy(): { dir: string; data: string; bytes: Buffer } {
  const dir = fresh();
  const data = join(dir, 'rows.csv');
  const bytes = readFileSync(EXAMPLE);
  writeFileSync(data, bytes);
  return { dir, data, bytes };
}

describe('checkOutputs', () => {
  it('refuses an input named again, by another spelling, a symlink or a hard link', () => {
    const { dir, data } = dataCopy();
    symlinkSync(data, join(dir, 'sym.csv'));
    linkSync(data, join(dir, 'hard.csv'));
    for (const out of [data, join(dir, '.', 'rows.csv'), join(dir, 'sym.csv'), join(dir, 'hard.csv')]) {
      expect(() => checkOutputs([{ flag: '--out', path: out }], [data]), out).toThrow(/is also an input/);
    }
    expect(() => checkOutputs([{ flag: '--out', path: join(dir, 'new.json') }], [data])).not.toThrow();
  });
  it('refuses a directory, a trailing slash and the same path under two flags', () => {
    const dir = fresh();
    expect(() => checkOutputs([{ flag: '--html', path: dir }], [])).toThrow(UsageError);
    expect(() => checkOutputs([{ flag: '--out', path: join(dir, 'x') + '/' }], [])).toThrow(/is a directory/);
    expect(() => checkOutputs([{ flag: '--out', path: join(dir, 'a') }, { flag: '--html', path: join(dir, 'a') }], [])).toThrow(/also named by --out/);
  });
});

describe('writeOutputs', () => {
  it('writes strings, buffers and chunked content; leaves no temp file', () => {
    const dir = fresh();
    writeOutputs([
      { path: join(dir, 'a.txt'), content: 'alpha\n' },
      { path: join(dir, 'b.bin'), content: new Uint8Array([1, 2, 3]) },
      { path: join(dir, 'sub', 'c.ndjson'), content: (function* () { for (let i = 0; i < 3000; i++) yield `{"i":${i}}\n`; })() },
    ]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('alpha\n');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    const lines = readFileSync(join(dir, 'sub', 'c.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3000);
    expect(lines[2999]).toBe('{"i":2999}');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin', 'sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['c.ndjson']);
  });
  it('on ENOSPC: one-line DataError naming the file, temps removed, existing targets unchanged (all or nothing)', () => {
    const dir = fresh();
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.html');
    writeFileSync(a, 'old a');
    writeFileSync(b, 'old b');
    let writes = 0;
    const err = (() => {
      try {
        // The first file's temp is written fine; the second one hits a full disk.
        withWriteFs({ writeSync: (fd, d) => { if (++writes > 1) throw enospc(); return typeof d === 'string' ? Buffer.byteLength(d) : d.length; } }, () =>
          writeOutputs([{ path: a, content: 'new a' }, { path: b, content: 'new b' }]),
        );
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(DataError);
    expect(err!.message).toBe(`${b}: cannot write: no space left on the device (ENOSPC); nothing was written`);
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(readFileSync(b, 'utf8')).toBe('old b');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.html']);
  });
  it('a failed fsync or rename also leaves no temp and the target as it was', () => {
    const dir = fresh();
    const a = join(dir, 'a.txt');
    writeFileSync(a, 'old');
    expect(() => withWriteFs({ fsyncSync: () => { throw Object.assign(new Error('EIO'), { code: 'EIO' }); } }, () => writeFileAtomic(a, 'new'))).toThrow(/input\/output error \(EIO\)/);
    expect(() => withWriteFs({ renameSync: () => { throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' }); } }, () => writeFileAtomic(a, 'new'))).toThrow(DataError);
    expect(readFileSync(a, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
  it('an error that is not the file system (a bug producing content) is not disguised, and leaves no temp', () => {
    const dir = fresh();
    const boom = function* () {
      yield 'x';
      throw new TypeError('bug');
    };
    expect(() => writeFileAtomic(join(dir, 'a'), boom())).toThrow(TypeError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('commands refuse unsafe outputs before any work (exit 2, input untouched)', () => {
  it('sweep --out naming its --data file', async () => {
    const { data, bytes } = dataCopy();
    const r = await cli('sweep', '--data', data, '--out', data);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out .*is also an input/);
    expect(readFileSync(data).equals(bytes)).toBe(true);
  });
  it('report --out naming its --results file, and the data the results recorded', async () => {
    const { dir, data } = dataCopy();
    const results = join(dir, 'r.json');
    expect((await cli('sweep', '--data', data, '--out', results)).code).toBe(0);
    const before = readFileSync(results);
    const r1 = await cli('report', '--results', results, '--out', results);
    expect(r1.code).toBe(2);
    expect(readFileSync(results).equals(before)).toBe(true);
    const r2 = await cli('report', '--results', results, '--out', data);
    expect(r2.code, r2.err).toBe(2);
    expect(r2.err).toMatch(/is also an input/);
  });
  it('suite run --html naming a directory writes nothing (not even --out), and --out naming the suite file', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'html'));
    const r = await cli('suite', 'run', SUITE, '--out', join(dir, 'r.json'), '--html', join(dir, 'html'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--html .*is a directory/);
    expect(r.err).not.toMatch(/seed/); // refused before the run started
    expect(readdirSync(dir)).toEqual(['html']);
    const csv = await cli('suite', 'replay', SUITE, '--scenario', 'x:0', '--csv', join(dir, 'html'));
    expect(csv.code).toBe(2);
    expect(csv.err).toMatch(/--csv .*is a directory/);
    const copy = join(dir, 'suite.json');
    writeFileSync(copy, readFileSync(SUITE));
    expect((await cli('suite', 'run', copy, '--out', copy)).code).toBe(2);
    expect(readFileSync(copy).equals(readFileSync(SUITE))).toBe(true);
  });
  it('data align, scenario fit and study --out naming an input', async () => {
    const { data, bytes } = dataCopy();
    const fx = (n: string) => repoPath('fixtures', 'venues', n);
    const align = await cli('data', 'align', '--prices', fx('hl-candles.json'), '--funding', fx('hl-funding.json'), '--lend', fx('defillama-sol.json'), '--borrow', fx('defillama-usdc.json'), '--out', fx('defillama-usdc.json'));
    expect(align.code, align.err).toBe(2);
    const fit = await cli('scenario', 'fit', '--data', data, '--out', data);
    expect(fit.code).toBe(2);
    const study = await cli('study', '--hl', data, '--drift', data, '--out', data);
    expect(study.code).toBe(2);
    expect(readFileSync(data).equals(bytes)).toBe(true);
  });
  it('a folder that cannot be created is one line (exit 1), no stack trace, no temp', async () => {
    const { dir, data } = dataCopy();
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const r = await cli('sweep', '--data', data, '--out', join(blocker, 'r.json'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir).sort()).toEqual(['file', 'rows.csv']);
  });
});
