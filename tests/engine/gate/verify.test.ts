/**
 * The gate's verification (engine/gate/verify.ts, engine/drift/write/gate.ts): a passing report for
 * what runs is accepted; a tampered report, another configuration, commit, lockfile, WASM build, a
 * stale report, a failing or reduced report, a dirty tree are each refused with the right reason.
 * And the canonical JSON the hashes rest on (docs/gate.md).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gateCheck, requirePassingGate } from '../../../engine/drift/write/gate.js';
import { canonicalJson, reportHash, sha256Hex } from '../../../engine/gate/canonical.js';
import { GATE_REPORT_FORMAT, verifyGateReport, type RunningIdentity } from '../../../engine/gate/verify.js';

const H = (c: string): string => c.repeat(64);
const running: RunningIdentity = { configHash: H('a'), commit: 'c'.repeat(40), clean: true, lockfileSha256: H('b'), wasm: { 'backtest.wasm': H('d'), 'health.wasm': H('e') } };
const NOW = 1_800_000_000_000;
const DAY = 24 * 3600e3;

function report(over: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    format: GATE_REPORT_FORMAT,
    config: { name: 'c', file: 'repo:live.json', sha256: running.configHash, maxAgeHours: 24 },
    code: { name: 'delta-neutral-harness', version: '0.1.0', commit: running.commit, clean: true },
    lockfileSha256: running.lockfileSha256,
    wasm: { ...running.wasm },
    programs: { 'drift.so': H('f'), 'pyth.so': H('9') },
    seeds: { default: 1 },
    reduced: false,
    checks: [{ id: 'x', figure: 0.01, threshold: '<= 0.3', verdict: 'pass' }],
    verdict: 'PASS',
    reasons: [],
    generatedAt: NOW - DAY / 2,
    generatedAtIso: 'x',
    ...over,
  };
  return { ...body, hash: reportHash(body), meta: { workers: 1, elapsedMs: 5 } };
}
const checks = (r: unknown, run = running, now = NOW) => verifyGateReport(r, run, now, DAY).map((f) => f.check);

describe('gate report verification', () => {
  it('accepts a passing report for exactly what runs (meta is outside the hash)', () => {
    expect(checks(report())).toEqual([]);
    expect(checks({ ...report(), meta: { workers: 2, elapsedMs: 99 } })).toEqual([]);
    expect(gateCheck({ configId: 'c', report: report(), running, nowMs: NOW, maxAgeMs: DAY })).toEqual({ allow: true });
    expect(() => requirePassingGate({ configId: 'c', report: report(), running, nowMs: NOW, maxAgeMs: DAY })).not.toThrow();
  });
  it('refuses a tampered report (a figure or the verdict edited after hashing)', () => {
    const r = report();
    (r.checks as { figure: number }[])[0]!.figure = 0.001;
    expect(checks(r)).toEqual(['integrity']);
    const f = report({ verdict: 'FAIL' });
    expect(checks({ ...f, verdict: 'PASS' })).toEqual(['integrity']);
  });
  it('refuses another configuration, commit, lockfile, WASM build, each naming it', () => {
    expect(checks(report(), { ...running, configHash: H('0') })).toEqual(['configuration']);
    expect(checks(report(), { ...running, commit: '1'.repeat(40) })).toEqual(['code version']);
    expect(checks(report(), { ...running, lockfileSha256: H('2') })).toEqual(['lockfile']);
    expect(checks(report(), { ...running, wasm: { ...running.wasm, 'health.wasm': H('3') } })).toEqual(['wasm']);
    expect(checks(report(), { ...running, wasm: { 'backtest.wasm': H('d') } })).toEqual(['wasm']);
  });
  it('refuses a stale report and one from the future', () => {
    expect(checks(report({ generatedAt: NOW - DAY - 1 }))).toEqual(['age']);
    expect(checks(report({ generatedAt: NOW - DAY }))).toEqual([]);
    expect(checks(report({ generatedAt: NOW + 1 }))).toEqual(['age']);
  });
  it('refuses a failing report, a reduced run, a dirty tree, no commit, and anything not a report', () => {
    expect(checks(report({ verdict: 'FAIL' }))).toEqual(['verdict']);
    expect(checks(report({ reduced: { maxPathsPerSet: 8 } }))).toEqual(['reduced']);
    expect(checks(report({ code: { commit: running.commit, clean: false } }))).toEqual(['code version']);
    expect(checks(report(), { ...running, clean: false })).toEqual(['code version']);
    expect(checks(report(), { ...running, commit: null })).toEqual(['code version']);
    expect(checks(null)).toEqual(['report']);
    expect(checks({ ...report(), format: 'other' })).toEqual(['report']);
  });
  it('a refusal names every failed check with its reason', () => {
    const r = report({ generatedAt: NOW - 3 * DAY });
    expect(() => requirePassingGate({ configId: 'c', reportPath: 'g.json', report: r, running: { ...running, lockfileSha256: H('2'), configHash: H('0') }, nowMs: NOW, maxAgeMs: DAY })).toThrow(
      /refused by pre-live-gate: configuration c \(report g.json\) refused: \[configuration\] .*; \[lockfile\] .*; \[age\] the report is 72.0 h old, older than the configured 24.0 h/,
    );
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level, no whitespace, numbers as the shortest round-trip, non-finite as strings', () => {
    expect(canonicalJson({ b: 1, a: { d: [0.1, 1e21, -0, 5e-7], c: 'é"' }, u: undefined })).toBe('{"a":{"c":"é\\"","d":[0.1,1e+21,0,5e-7]},"b":1}');
    expect(canonicalJson([NaN, Infinity, null, true])).toBe('["NaN","Infinity",null,true]');
    expect(sha256Hex(canonicalJson({ y: [2], x: 1 }))).toBe(createHash('sha256').update('{"x":1,"y":[2]}').digest('hex'));
    expect(reportHash({ b: 2, a: 1, hash: 'h', meta: { workers: 2 } })).toBe(createHash('sha256').update('{"a":1,"b":2}').digest('hex'));
  });
});
