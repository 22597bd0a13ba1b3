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

/** Throws `SafetyRefusedError` unless a passing gate report covers the configuration and what runs. */
export function requirePassingGate(req: GateRequest): void {
  const c = gateCheck(req);
  if (!c.allow) throw new SafetyRefusedError(c.gate, c.reason);
}
