/** Shared set-up of the `dnh live` RPC-path tests: a configuration for an authority, a gate pass, a key file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Keypair } from '@solana/web3.js';
import { encodeBase58 } from '../../../engine/drift/write/base58.js';
import { requirePassingGate, type GatePass } from '../../../engine/drift/write/gate.js';
import { repoPath } from '../../../engine/paths.js';
import { configHash, loadLiveConfig, type LiveConfig } from '../../../harness/gate/config.js';
import { buildGateReport } from '../../../harness/gate/report.js';

export const CONSERVATIVE = repoPath('fixtures', 'live', 'conservative.json');

/** The bundled conservative configuration for `authority`, with `limits` overridden. */
export function configFor(authority: string, limits: Partial<LiveConfig['limits']> = {}): { config: LiveConfig; hash: string } {
  const { config } = loadLiveConfig(CONSERVATIVE);
  const c: LiveConfig = { ...config, account: { ...config.account, authority }, limits: { ...config.limits, ...limits } };
  return { config: c, hash: configHash(c) };
}

/**
 * A pass from `requirePassingGate` itself, for a report built for a fixed running identity (the
 * identity of the code is the gate tests' business; here the tree may be dirty while the test runs).
 */
export function passFor(config: LiveConfig, hash: string, nowMs: number): GatePass {
  const running = { configHash: hash, commit: 'c'.repeat(40), clean: true, lockfileSha256: 'l'.repeat(64), wasm: { 'a.wasm': 'w'.repeat(64) }, name: 'dnh', version: '0' };
  const report = buildGateReport({
    config, file: CONSERVATIVE, configHash: hash, running, programs: {}, nowMs, meta: { workers: 1, elapsedMs: 0 },
    run: { checks: [{ id: 'suite default: probLiquidation', figure: 0.03, threshold: '<= 0.3', verdict: 'pass' }], seeds: { default: 1 }, reduced: false },
  });
  return requirePassingGate({ configId: config.name, reportPath: 'test', report, running, nowMs, maxAgeMs: config.gate.maxAgeHours * 3600e3 });
}

/** Writes a solana-keygen file for `kp`; returns its path and the secret's forms to search outputs for. */
export function keyFile(dir: string, kp: Keypair): { path: string; forms: string[] } {
  const path = join(dir, `${kp.publicKey.toBase58()}.json`);
  const bytes = Array.from(kp.secretKey);
  writeFileSync(path, JSON.stringify(bytes));
  const secret = Buffer.from(kp.secretKey);
  return { path, forms: [JSON.stringify(bytes), bytes.slice(0, 32).join(','), secret.toString('hex'), encodeBase58(secret), encodeBase58(secret.subarray(0, 32)), secret.subarray(0, 32).toString('hex'), secret.toString('base64'), secret.subarray(0, 32).toString('base64')] };
}
