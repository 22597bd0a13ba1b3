/**
 * The gate report (docs/gate.md): the configuration's hash, the code version (commit, clean tree,
 * package version), the lockfile, WASM and program-binary hashes, the seeds, every check with its
 * figure, threshold and verdict, the overall verdict with its reasons, the time from the injected clock,
 * and a hash over the report's own content (all but `hash` and `meta`; `meta` holds what may differ
 * between equivalent runs: workers, elapsed time).
 */
import { reportHash } from '../../engine/gate/canonical.js';
import { GATE_REPORT_FORMAT, type RunningIdentity } from '../../engine/gate/verify.js';
import { recordedPath } from '../io/provenance.js';
import type { LiveConfig } from './config.js';
import type { GateCheck, GateRun } from './run.js';

export interface GateReport {
  format: typeof GATE_REPORT_FORMAT;
  config: { name: string; file: string; sha256: string; maxAgeHours: number };
  code: { name: string; version: string; commit: string | null; clean: boolean };
  lockfileSha256: string;
  wasm: Record<string, string>;
  programs: Record<string, string | null>;
  seeds: Record<string, number>;
  reduced: GateRun['reduced'];
  checks: GateCheck[];
  verdict: 'PASS' | 'FAIL';
  reasons: string[];
  generatedAt: number;
  generatedAtIso: string;
  hash: string;
  meta: { workers: number; elapsedMs: number };
}

export function overall(checks: readonly GateCheck[], reduced: GateRun['reduced']): { verdict: 'PASS' | 'FAIL'; reasons: string[] } {
  const reasons = checks.filter((c) => c.verdict !== 'pass').map((c) => (c.verdict === 'not run' ? `not run: ${c.id}${c.detail ? ` (${c.detail})` : ''}` : `failed: ${c.id}: ${c.figure} (threshold ${c.threshold})`));
  if (checks.length === 0) reasons.push('no check ran');
  if (reduced !== false) reasons.push(`reduced run: at most ${reduced.maxPathsPerSet} paths per scenario set (never unlocks live trading)`);
  return { verdict: reasons.length === 0 ? 'PASS' : 'FAIL', reasons };
}

export function buildGateReport(args: {
  config: LiveConfig;
  file: string;
  configHash: string;
  running: RunningIdentity & { name: string; version: string };
  programs: Record<string, string | null>;
  run: GateRun;
  nowMs: number;
  meta: GateReport['meta'];
}): GateReport {
  const { running: r } = args;
  const body: Omit<GateReport, 'hash' | 'meta'> = {
    format: GATE_REPORT_FORMAT,
    config: { name: args.config.name, file: recordedPath(args.file), sha256: args.configHash, maxAgeHours: args.config.gate.maxAgeHours },
    code: { name: r.name, version: r.version, commit: r.commit, clean: r.clean },
    lockfileSha256: r.lockfileSha256,
    wasm: r.wasm,
    programs: args.programs,
    seeds: args.run.seeds,
    reduced: args.run.reduced,
    checks: args.run.checks,
    ...overall(args.run.checks, args.run.reduced),
    generatedAt: args.nowMs,
    generatedAtIso: new Date(args.nowMs).toISOString(),
  };
  return { ...body, hash: reportHash(body as unknown as Record<string, unknown>), meta: args.meta };
}

export function gateText(r: GateReport): string {
  const L: string[] = [];
  L.push(`dnh gate: configuration ${r.config.name} (${r.config.file}, sha256 ${r.config.sha256})`);
  L.push(`  code ${r.code.name} ${r.code.version} at ${r.code.commit ?? '(no commit)'}${r.code.clean ? '' : ' (working tree NOT clean)'}; lockfile ${r.lockfileSha256.slice(0, 16)}...`);
  L.push(`  wasm ${Object.entries(r.wasm).map(([f, h]) => `${f} ${h.slice(0, 16)}...`).join(', ') || '(none built)'}`);
  L.push(`  programs ${Object.entries(r.programs).map(([f, h]) => `${f} ${h ? h.slice(0, 16) + '...' : 'absent'}`).join(', ')}`);
  L.push(`  seeds ${Object.entries(r.seeds).map(([s, v]) => `${s} ${v}`).join(', ')}${r.reduced ? `; REDUCED to ${r.reduced.maxPathsPerSet} paths per set` : ''}`);
  L.push('');
  const w = Math.max(...r.checks.map((c) => c.id.length), 10);
  for (const c of r.checks) {
    const fig = c.figure === null ? '-' : typeof c.figure === 'number' ? String(+c.figure.toPrecision(6)) : c.figure;
    L.push(`  ${c.verdict.toUpperCase().padEnd(8)} ${c.id.padEnd(w)}  ${fig.padStart(12)}  ${c.threshold}${c.detail && c.verdict !== 'pass' ? `\n           ${c.detail}` : ''}`);
  }
  L.push('');
  L.push(`verdict ${r.verdict} at ${r.generatedAtIso}; report hash ${r.hash}`);
  for (const reason of r.reasons) L.push(`  ${reason}`);
  return L.join('\n') + '\n';
}
