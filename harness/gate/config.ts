/**
 * Loading `live.json` (schema `fixtures/live/live.schema.json`, errors naming the field path), the
 * secret guard (nothing anywhere in the file may look like a secret key: an array of 64 bytes or a long
 * base58 string), and the configuration hash: sha256 of the canonical JSON of the parsed document
 * (docs/gate.md). The hash covers the configuration's content, not its formatting.
 *
 * @example const { config, hash } = loadLiveConfig('fixtures/live/conservative.json')
 */
import { readFileSync } from 'node:fs';
import { DataError } from '../../engine/errors.js';
import { canonicalJson, sha256Hex } from '../../engine/gate/canonical.js';
import { repoPath } from '../../engine/paths.js';
import { schemaValidator } from '../io/schema.js';

export const LIVE_SCHEMA_PATH = repoPath('fixtures', 'live', 'live.schema.json');

export interface LiveConfig {
  name: string;
  description?: string;
  strategy: { leverage: number; trigger: number | 'never'; model: 'rebalance' | 'rotate'; capital: number; minTriggerRatio?: number };
  venue: 'drift' | 'hl';
  markets: { perp: { symbol: string; index: number }; spot: { symbol: string; index: number } };
  execution: { survivor?: string; legPrices?: string; 'long.liquidation'?: string };
  limits: { maxNotionalUsd: number; maxLeverage: number; withdrawalHealthFloor: number; oracleStalenessSlots: number };
  suites: { file: string; seed?: number; thresholds: Record<string, { min?: number; max?: number }>; noLiquidationIn: string[] }[];
  paper: { pathsPerSet: number; crosscheckTolerance: number };
  account: { authority: string; subAccount: number };
  gate: { maxAgeHours: number };
}

/**
 * The live schema names two values differently from the model: `model: "rotate"` is the model's
 * `rotation`, `execution.survivor: "keep"` is `close` (the survivor is kept until the day's close,
 * MODEL.md 10.1). Every consumer (the gate's suites, `--config` of backtest and paper) translates here.
 */
export function modelName(m: LiveConfig['strategy']['model']): 'rebalance' | 'rotation' {
  return m === 'rotate' ? 'rotation' : m;
}

/** The execution options of a live configuration under the model's names (flag name -> value). */
export function executionOptions(e: LiveConfig['execution']): Record<string, string> {
  const out: Record<string, string> = {};
  if (e.survivor !== undefined) out.survivor = e.survivor === 'keep' ? 'close' : e.survivor;
  if (e.legPrices !== undefined) out.legPrices = e.legPrices;
  if (e['long.liquidation'] !== undefined) out['long.liquidation'] = e['long.liquidation'];
  return out;
}

const BASE58_SECRET = /^[1-9A-HJ-NP-Za-km-z]{80,90}$/;

/** The first place that looks like a secret key (a 64-byte array, or a base58 string of 80-90 chars). */
export function secretLike(v: unknown, path = ''): string | null {
  if (Array.isArray(v)) {
    if (v.length === 64 && v.every((x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 255)) return path || '(root)';
    for (let i = 0; i < v.length; i++) {
      const p = secretLike(v[i], `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  if (typeof v === 'string') return BASE58_SECRET.test(v) ? path || '(root)' : null;
  if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const p = secretLike(x, path ? `${path}.${k}` : k);
      if (p) return p;
    }
  }
  return null;
}

export function validateLiveConfig(doc: unknown, file: string): LiveConfig {
  const secret = secretLike(doc);
  if (secret) throw new DataError({ file, field: secret }, 'looks like a secret key: a live configuration never holds a secret (name the account by its authority public key)');
  schemaValidator(LIVE_SCHEMA_PATH, 'live')(doc, file, '');
  const c = doc as LiveConfig;
  if (c.strategy.leverage > c.limits.maxLeverage) throw new DataError({ file, field: 'strategy.leverage' }, `${c.strategy.leverage} exceeds limits.maxLeverage ${c.limits.maxLeverage}`);
  return c;
}

export function configHash(doc: unknown): string {
  return sha256Hex(canonicalJson(doc));
}

export function loadLiveConfig(file: string): { config: LiveConfig; hash: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DataError({ file }, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DataError({ file }, `not JSON: ${(e as Error).message}`);
  }
  return { config: validateLiveConfig(doc, file), hash: configHash(doc) };
}
