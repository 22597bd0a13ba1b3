/**
 * Results files and `dnh report` (issue 8 point 5): the file records each input's absolute path and
 * SHA-256, the parameters, the code version and the convention; `report` verifies the hashes before
 * re-running anything and refuses changed data (exit 1) unless `--data` is given, which the header
 * then states; malformed, empty, truncated or old-version files are one line naming the line and
 * field (exit 1), never a TypeError; a truncated .feather is named as such.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../engine/errors.js';
import { repoPath, repoRoot } from '../../../engine/paths.js';
import { loadFunding } from '../../../engine/venues-data/detect.js';
import { gitCommit, recordedPath, resolveRecordedPath } from '../../../harness/io/provenance.js';
import { readSweepResults } from '../../../harness/sweep/results.js';
import { cli } from '../../helpers/cli.js';
import { spawnSync } from 'node:child_process';

const EXAMPLE = repoPath('fixtures', 'example', 'sol-synthetic-410d.csv');
const dir = mkdtempSync(join(tmpdir(), 'dnh-results-'));
const data = join(dir, 'rows.csv');
const results = join(dir, 'results.json');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  writeFileSync(data, readFileSync(EXAMPLE));
  const r = await cli('sweep', '--data', data, '--leverage', '2,3', '--trigger', '4,6,never', '--venue', 'hl,drift', '--out', results);
  expect(r.code, r.err).toBe(0);
});

describe('provenance', () => {
  it('a sweep records absolute input paths, their SHA-256, the parameters, the code version and the convention', () => {
    const p = readSweepResults(results).provenance;
    expect(p.inputs.map((i) => i.role)).toEqual(['data-hl', 'data-drift']);
    for (const i of p.inputs) {
      expect(i.path).toBe(resolve(data));
      expect(i.sha256).toBe(sha(readFileSync(data)));
      expect(i.bytes).toBe(readFileSync(data).length);
    }
    expect(p.params).toMatchObject({ spec: { leverage: [2, 3], venue: ['hl', 'drift'] }, engine: 'wasm' });
    expect(p.code.version).toBe(JSON.parse(readFileSync(repoPath('package.json'), 'utf8')).version);
    expect(p.convention).toEqual(['exact']);
  });
  it('the git commit is read from .git without spawning, and agrees with git rev-parse HEAD', () => {
    const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot(), encoding: 'utf8' });
    if (git.status !== 0) return void console.log('NOT RUN: git is unavailable here');
    expect(gitCommit()).toBe(git.stdout.trim());
  });
  it('files inside the checkout are recorded relative to it (repo:), never with the checkout path', () => {
    expect(recordedPath(EXAMPLE)).toBe('repo:fixtures/example/sol-synthetic-410d.csv');
    expect(resolveRecordedPath(recordedPath(EXAMPLE))).toBe(EXAMPLE);
    expect(recordedPath(data)).toBe(resolve(data));
  });
  it('suite run --json and paper --json record provenance and never the checkout path', async () => {
    const paper = await cli('paper', '--json');
    expect(paper.code).toBe(0);
    expect(paper.out).not.toContain(repoRoot());
    const doc = JSON.parse(paper.out);
    expect(doc.input.file).toBe('repo:fixtures/example/sol-synthetic-410d.csv');
    expect(doc.provenance.inputs[0].sha256).toBe(sha(readFileSync(EXAMPLE)));
    expect(doc.provenance.convention).toEqual(['paper']);
    const suite = join(dir, 'suite.json');
    writeFileSync(suite, JSON.stringify({ name: 'tiny', seed: 7, scenarios: [{ name: 'hist', kind: 'historical', data: data }], grid: { leverage: [2], trigger: [4] } }));
    const s = await cli('suite', 'run', suite, '--json');
    expect([0, 3]).toContain(s.code);
    const sdoc = JSON.parse(s.out);
    expect(Object.keys(sdoc)).toEqual(['hash', 'content', 'provenance']);
    expect(sdoc.provenance.inputs).toEqual([
      { role: 'suite', path: resolve(suite), sha256: sha(readFileSync(suite)), bytes: readFileSync(suite).length },
      { role: 'scenarios[0].data', path: resolve(data), sha256: sha(readFileSync(data)), bytes: readFileSync(data).length },
    ]);
    expect(sdoc.provenance.params).toEqual({ seed: 7, engine: 'wasm' });
    expect(s.out).not.toMatch(/elapsedMs|workers/);
    expect(s.err).toMatch(/scenarios x 1 configurations in [\d.]+ s/);
  });
  it('study --out writes the report and its provenance together', async () => {
    const out = join(dir, 'study.txt');
    const r = await cli('study', '--hl', data, '--drift', data, '--convention', 'exact', '--out', out);
    expect(r.code, r.err).toBe(0);
    const prov = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'));
    expect(prov.report).toBe('study.txt');
    expect(prov.provenance.inputs.map((i: { role: string }) => i.role)).toEqual(['data-hl', 'data-drift']);
    expect(prov.provenance.convention).toEqual(['exact']);
  });
});

describe('dnh report checks the data before re-running lanes', () => {
  it('the recorded data unchanged: the report runs', async () => {
    const r = await cli('report', '--results', results);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/given with --data/);
  });
  it('the data changed since the sweep: refused (exit 1) naming the file and both hashes', async () => {
    const copy = join(dir, 'changed.csv');
    writeFileSync(copy, readFileSync(EXAMPLE));
    const res = join(dir, 'changed-results.json');
    expect((await cli('sweep', '--data', copy, '--out', res)).code).toBe(0);
    const before = sha(readFileSync(copy));
    // Same rows, one funding figure changed: the old report silently re-ran on it under the old header.
    writeFileSync(copy, readFileSync(copy, 'utf8').replace(/\n(2025-01-05,[^\n]*,)([-\d.e]+),([-\d.e]+),([-\d.e]+)\n/, (_m, a, f, l, b) => `\n${a}${Number(f) + 0.0001},${l},${b}\n`));
    expect(sha(readFileSync(copy))).not.toBe(before);
    const r = await cli('report', '--results', res);
    expect(r.code).toBe(1);
    expect(r.err).toContain(resolve(copy));
    expect(r.err).toContain(before);
    expect(r.err).toMatch(/give --data FILE explicitly/);
    const gone = join(dir, 'gone-results.json');
    const tmp = join(dir, 'gone.csv');
    writeFileSync(tmp, readFileSync(EXAMPLE));
    expect((await cli('sweep', '--data', tmp, '--out', gone)).code).toBe(0);
    truncateSync(tmp, 0);
    expect((await cli('report', '--results', gone)).code).toBe(1);
  });
  it('--data given explicitly: the report runs and its header says which file and whether it matches', async () => {
    const r = await cli('report', '--results', results, '--data', EXAMPLE);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/data hl given with --data: repo:fixtures\/example\/sol-synthetic-410d.csv \(SHA-256 [0-9a-f]{64}\) has the bytes the sweep recorded/);
    const other = join(dir, 'other.csv');
    const rowsText = readFileSync(EXAMPLE, 'utf8').trimEnd().split('\n');
    writeFileSync(other, rowsText.slice(0, -1).join('\n') + '\n'); // one day fewer
    const r2 = await cli('report', '--results', results, '--data', other);
    expect(r2.code, r2.err).toBe(0);
    expect(r2.out).toMatch(/is NOT the data the sweep ran on \(recorded .*rows\.csv, SHA-256 [0-9a-f]{64}\)/);
  });
});

describe('malformed results files: exit 1, one line naming the line and field, never a TypeError', () => {
  const lines = () => readFileSync(results, 'utf8').trimEnd().split('\n');
  const cases: [string, (l: string[]) => string, RegExp][] = [
    ['empty file', () => '', /empty file: no results/],
    ['whitespace only', () => '\n', /row 1: empty line/],
    ['not JSON', () => 'hello', /row 1: not valid JSON/],
    ['JSON null', () => 'null\n', /row 1, field kind: not a dnh sweep results file/],
    ['a JSON array', () => '[]\n', /not a dnh sweep results file/],
    ['another kind', (l) => l[0]!.replace('"dnh-sweep"', '"dnh-suite"') + '\n', /field kind/],
    ['version 1 (one JSON document)', (l) => l[0]!.replace('"version":2', '"version":1') + '\n', /field version: version 1 is not readable here/],
    ['lanes count not a number', (l) => [l[0]!.replace(/"lanes":\d+/, '"lanes":"6"'), ...l.slice(1)].join('\n'), /row 1, field lanes: must be integer/],
    ['series missing', (l) => [l[0]!.replace(/"series":\[[^\]]*\],/, ''), ...l.slice(1)].join('\n'), /row 1, field series: required field is missing/],
    ['bad sha256', (l) => [l[0]!.replace(/"sha256":"[0-9a-f]{64}"/, '"sha256":"abc"'), ...l.slice(1)].join('\n'), /field provenance\.inputs\[0\]\.sha256: must match pattern/],
    ['lane params null', (l) => [l[0]!, l[1]!.replace(/"params":\{.*\},"convention"/, '"params":null,"convention"'), ...l.slice(2)].join('\n'), /row 2, field lanes\[0\]\.params: must be object/],
    ['lane figure a string', (l) => [l[0]!, l[1]!.replace(/"finalEquity":[-\d.e]+/, '"finalEquity":"big"'), ...l.slice(2)].join('\n'), /row 2, field lanes\[0\]\.finalEquity/],
    ['lane venue unknown', (l) => [l[0]!, l[1]!.replace(/"venue":"hl"/, '"venue":"ftx"'), ...l.slice(2)].join('\n'), /field lanes\[0\]\.params\.venue: must be one of "hl", "drift"/],
    ['waterfall missing a term', (l) => [l[0]!, l[1]!.replace(/"badDebt":[-\d.e]+/, '"x":0'), ...l.slice(2)].join('\n'), /field lanes\[0\]\.waterfall\.badDebt: required field is missing/],
    ['truncated (last lane lines cut)', (l) => l.slice(0, 3).join('\n') + '\n', /truncated: the header announces \d+ lanes/],
    ['truncated mid-line', (l) => l.join('\n').slice(0, -20), /not valid JSON/],
    ['an extra line', (l) => [...l, '{}'].join('\n') + '\n', /extra line/],
    ['a lane on a venue without a series', (l) => [l[0]!.replace(/\{"venue":"drift"[^}]*\}\]/, ']').replace(/,\]/, ']'), ...l.slice(1)].join('\n') + '\n', /field lanes\[\d+\]\.params\.venue: no series for venue drift/],
    ['no recorded hash for a venue', (l) => [l[0]!.replace('"role":"data-drift"', '"role":"other"'), ...l.slice(1)].join('\n') + '\n', /no recorded SHA-256 for the drift data/],
  ];
  for (const [name, make, expected] of cases) {
    it(name, async () => {
      const f = join(dir, `bad-${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(f, make(lines()));
      const r = await cli('report', '--results', f);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(expected);
      expect(r.err).toContain(f);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/TypeError|Cannot read properties/);
    });
  }
  it('a directory or a missing file as --results is a usage error', async () => {
    expect((await cli('report', '--results', dir)).code).toBe(2);
    expect((await cli('report', '--results', join(dir, 'nope.json'))).code).toBe(2);
  });
  it('non-finite figures survive the round trip as numbers', () => {
    const l = readFileSync(results, 'utf8').trimEnd().split('\n');
    const f = join(dir, 'nan.json');
    writeFileSync(f, [l[0]!, l[1]!.replace(/"finalEquity":[-\d.e]+/, '"finalEquity":"NaN"').replace(/"annualized":[-\d.e]+/, '"annualized":"-Infinity"'), ...l.slice(2)].join('\n') + '\n');
    const r = readSweepResults(f);
    expect(r.lanes[0]!.finalEquity).toBeNaN();
    expect(r.lanes[0]!.annualized).toBe(-Infinity);
  });
});

describe('truncated .feather', () => {
  it('is a DataError naming the file and saying it is truncated', () => {
    const src = readFileSync(repoPath('fixtures', 'venues', 'hl-funding-1h.feather'));
    for (const keep of [0.25, 0.5, 0.9, 0.99]) {
      const f = join(dir, `cut-${keep}.feather`);
      writeFileSync(f, src.subarray(0, Math.floor(src.length * keep)));
      let err: unknown;
      try {
        loadFunding(f);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataError);
      expect((err as Error).message).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: truncated or incomplete feather`));
    }
  });
});
