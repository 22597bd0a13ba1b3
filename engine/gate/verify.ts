/**
 * Does a gate report allow live trading with what is running? Pure: the caller reads the report, the
 * running identity (configuration hash, git commit and cleanliness, lockfile and WASM hashes) and the
 * clock at the edge and passes them in. Every failed check is listed, each with its reason.
 *
 * @example verifyGateReport(JSON.parse(text), running, Date.now(), 7 * 24 * 3600e3) // clock-ok (the caller reads the clock)
 */
import { reportHash } from './canonical.js';

export const GATE_REPORT_FORMAT = 'dnh-gate-report/1';

export interface RunningIdentity {
  configHash: string;
  commit: string | null;
  /** false: the working tree has uncommitted changes (the commit does not name the code). */
  clean: boolean;
  lockfileSha256: string;
  /** file name -> sha256 of each built WASM module */
  wasm: Record<string, string>;
}

export interface GateFailure {
  check: 'report' | 'integrity' | 'verdict' | 'reduced' | 'configuration' | 'code version' | 'lockfile' | 'wasm' | 'age';
  reason: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameMap(a: unknown, b: Record<string, string>): boolean {
  if (!isObj(a)) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

/** The failures (empty: the report allows live trading now). */
export function verifyGateReport(report: unknown, running: RunningIdentity, nowMs: number, maxAgeMs: number): GateFailure[] {
  if (!isObj(report) || report.format !== GATE_REPORT_FORMAT) return [{ check: 'report', reason: `not a gate report (format ${GATE_REPORT_FORMAT} expected)` }];
  const out: GateFailure[] = [];
  if (typeof report.hash !== 'string' || reportHash(report) !== report.hash) {
    out.push({ check: 'integrity', reason: `the report's content does not match its hash ${String(report.hash)} (tampered or damaged)` });
  }
  if (report.verdict !== 'PASS') out.push({ check: 'verdict', reason: `the report's verdict is ${String(report.verdict)}, not PASS` });
  if (report.reduced !== false) out.push({ check: 'reduced', reason: 'the report comes from a reduced run (fewer paths than the suites name)' });
  const cfg = isObj(report.config) ? report.config.sha256 : undefined;
  if (cfg !== running.configHash) out.push({ check: 'configuration', reason: `the report covers configuration ${String(cfg)}, the running configuration is ${running.configHash}` });
  const code = isObj(report.code) ? report.code : {};
  if (running.commit === null) out.push({ check: 'code version', reason: 'the running code has no git commit' });
  else if (code.commit !== running.commit) out.push({ check: 'code version', reason: `the report was made at commit ${String(code.commit)}, the running code is ${running.commit}` });
  if (code.clean !== true) out.push({ check: 'code version', reason: 'the report was made on a working tree with uncommitted changes' });
  if (!running.clean) out.push({ check: 'code version', reason: 'the running working tree has uncommitted changes' });
  if (report.lockfileSha256 !== running.lockfileSha256) out.push({ check: 'lockfile', reason: `the report's package-lock.json sha256 ${String(report.lockfileSha256)} is not the running ${running.lockfileSha256}` });
  if (!sameMap(report.wasm, running.wasm)) out.push({ check: 'wasm', reason: `the report's WASM modules ${JSON.stringify(report.wasm)} are not the running ${JSON.stringify(running.wasm)}` });
  const at = report.generatedAt;
  if (typeof at !== 'number' || !Number.isFinite(at)) out.push({ check: 'age', reason: 'the report has no time' });
  else if (at > nowMs) out.push({ check: 'age', reason: `the report is dated in the future (${at} ms, now ${nowMs} ms)` });
  else if (nowMs - at > maxAgeMs) out.push({ check: 'age', reason: `the report is ${((nowMs - at) / 3600e3).toFixed(1)} h old, older than the configured ${(maxAgeMs / 3600e3).toFixed(1)} h` });
  return out;
}
