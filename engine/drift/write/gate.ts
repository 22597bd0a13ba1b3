/**
 * The pre-live gate check (docs/gate.md). Every command that can move funds requires a passing gate
 * report for its exact configuration: the report's own hash, verdict PASS from a full (not reduced)
 * run, the configuration hash, the git commit (clean trees on both sides), the lockfile hash, the WASM
 * modules' hashes, younger than the configured maximum age. Anything less refuses (fails closed), and
 * the refusal names every check that failed. The caller reads the files and the clock at the edge.
 */
import { verifyGateReport, type RunningIdentity } from '../../gate/verify.js';
import { SafetyRefusedError } from './errors.js';
import type { WriteCheck } from './safety.js';

export interface GateRequest {
  /** identifies the configuration the report must cover (its name; the hash is in `running`) */
  configId: string;
  /** path of the gate report, when one is given (for the messages) */
  reportPath?: string;
  /** the parsed report; undefined: none was found */
  report?: unknown;
  /** what is running; undefined: unknown, which refuses */
  running?: RunningIdentity;
  /** the injected clock, ms since the epoch */
  nowMs?: number;
  /** the configuration's gate.maxAgeHours, in ms */
  maxAgeMs?: number;
}

export function gateCheck(req: GateRequest): WriteCheck {
  const where = req.reportPath ? `report ${req.reportPath}` : 'no report given';
  if (req.report === undefined) return { allow: false, gate: 'pre-live-gate', reason: `no passing pre-live gate report for configuration ${req.configId} (${where}): run dnh gate --config for it` };
  if (req.running === undefined || req.nowMs === undefined || req.maxAgeMs === undefined) {
    return { allow: false, gate: 'pre-live-gate', reason: `configuration ${req.configId} (${where}): the running code, configuration or clock is unknown, so the report cannot be verified` };
  }
  const failures = verifyGateReport(req.report, req.running, req.nowMs, req.maxAgeMs);
  if (failures.length === 0) return { allow: true };
  return { allow: false, gate: 'pre-live-gate', reason: `configuration ${req.configId} (${where}) refused: ${failures.map((f) => `[${f.check}] ${f.reason}`).join('; ')}` };
}

/**
 * Proof that the pre-live gate passed (or, off mainnet, that the rehearsal was announced): only
 * `requirePassingGate` and `rehearsalWithoutGate` create one (the class is not exported and every pass
 * is registered), so a live path that asks for a `GatePass` cannot run without the check.
 */
export interface GatePass {
  readonly configId: string;
  /** true: issued for a non-mainnet rehearsal, without a report */
  readonly rehearsal: boolean;
  /** the report's validity ends here (ms since the epoch): its time + the configured maximum age */
  readonly validUntilMs: number;
}

const issued = new WeakSet<object>();

function issue(p: GatePass): GatePass {
  const pass = Object.freeze({ ...p });
  issued.add(pass);
  return pass;
}

/** Throws `SafetyRefusedError` unless `pass` came from this module and is still valid at `nowMs`. */
export function assertGatePass(pass: unknown, nowMs: number): asserts pass is GatePass {
  if (typeof pass !== 'object' || pass === null || !issued.has(pass)) throw new SafetyRefusedError('pre-live-gate', 'no gate pass: live trading needs requirePassingGate (a passing report for this configuration and the running code)');
  const p = pass as GatePass;
  if (!(nowMs <= p.validUntilMs)) throw new SafetyRefusedError('pre-live-gate', `the gate pass for configuration ${p.configId} expired at ${p.validUntilMs} ms (the report's maximum age): run dnh gate again`);
}

/** Throws `SafetyRefusedError` unless a passing gate report covers the configuration and what runs; returns the pass. */
export function requirePassingGate(req: GateRequest): GatePass {
  const c = gateCheck(req);
  if (!c.allow) throw new SafetyRefusedError(c.gate, c.reason);
  const at = (req.report as { generatedAt: number }).generatedAt;
  return issue({ configId: req.configId, rehearsal: false, validUntilMs: at + req.maxAgeMs! });
}

/**
 * A pass for a rehearsal on a cluster other than mainnet, without a report (the caller announces it
 * loudly). Refused for mainnet: there is no way around the gate there.
 */
export function rehearsalWithoutGate(configId: string, cluster: string): GatePass {
  if (cluster === 'mainnet' || cluster === 'mainnet-beta') throw new SafetyRefusedError('pre-live-gate', `no rehearsal on ${cluster}: the pre-live gate is required`);
  return issue({ configId: `${configId} (rehearsal on ${cluster})`, rehearsal: true, validUntilMs: Number.POSITIVE_INFINITY });
}
