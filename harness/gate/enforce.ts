/**
 * The edge of the gate's enforcement for commands that can move funds: read the live configuration and
 * the gate report, compute what is running (identity.ts) and read the wall clock, then hand everything
 * to the pure check (engine/drift/write/gate.ts). Any failure to read refuses: fail closed.
 */
import { readFileSync } from 'node:fs';
import type { GateRequest } from '../../engine/drift/write/gate.js';
import { DataError } from '../../engine/errors.js';
import { loadLiveConfig } from './config.js';
import { runningIdentity } from './identity.js';

const refuse = (configId: string, reportPath: string, why: string): GateRequest => ({ configId: `${configId}: ${why}`, reportPath });

/** The request for `requirePassingGate`; `now` is injectable for tests. */
export function gateRequest(configFile: string | undefined, reportPath: string, market: number, subaccount: string | undefined, now: () => number = Date.now): GateRequest {
  if (configFile === undefined) return refuse('(none)', reportPath, 'no --config live.json given');
  let loaded;
  try {
    loaded = loadLiveConfig(configFile);
  } catch (e) {
    if (e instanceof DataError) return refuse(configFile, reportPath, e.message);
    throw e;
  }
  const { config, hash } = loaded;
  if (config.markets.perp.index !== market) return refuse(config.name, reportPath, `--market ${market} is not the configuration's perp market ${config.markets.perp.index}`);
  if (subaccount !== undefined && Number(subaccount) !== config.account.subAccount) return refuse(config.name, reportPath, `--subaccount ${subaccount} is not the configuration's ${config.account.subAccount}`);
  let report: unknown;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch {
    report = undefined;
  }
  return { configId: config.name, reportPath, report, running: runningIdentity(hash), nowMs: now(), maxAgeMs: config.gate.maxAgeHours * 3600e3 };
}
