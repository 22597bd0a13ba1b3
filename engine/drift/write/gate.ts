/**
 * The pre-live gate check. Every live command requires a passing gate report for its configuration
 * (the gate issue). The gate does not exist yet, so this check is in place and REFUSES: it fails closed
 * with the reason, whatever it is given. When the gate lands, this function verifies its report.
 */
import { SafetyRefusedError } from './errors.js';
import type { WriteCheck } from './safety.js';

export interface GateRequest {
  /** identifies the configuration the report must cover (strategy parameters, venue, account) */
  configId: string;
  /** path of the gate report, when one is given */
  reportPath?: string;
}

/** Always a denial today: no gate implementation exists to produce or verify a passing report. */
export function gateCheck(req: GateRequest): WriteCheck {
  const where = req.reportPath ? ` (report ${req.reportPath} cannot be verified)` : ' (no report given)';
  return {
    allow: false,
    gate: 'pre-live-gate',
    reason: `no passing pre-live gate report for configuration ${req.configId}${where}: the gate is not implemented yet, so live commands are refused`,
  };
}

/** Throws `SafetyRefusedError` unless a passing gate report covers the configuration (today: always throws). */
export function requirePassingGate(req: GateRequest): void {
  const c = gateCheck(req);
  if (!c.allow) throw new SafetyRefusedError(c.gate, c.reason);
}
