/**
 * live.json: the bundled examples validate; errors name the field path; anything that looks like a
 * secret key is refused wherever it is; the configuration hash follows the content, not the formatting.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';
import { configHash, loadLiveConfig, validateLiveConfig } from '../../../harness/gate/config.js';

const CONSERVATIVE = repoPath('fixtures', 'live', 'conservative.json');
const doc = (): Record<string, any> => JSON.parse(readFileSync(CONSERVATIVE, 'utf8'));
const err = (d: unknown): string => {
  try {
    validateLiveConfig(d, 'live.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('live.json', () => {
  it('the bundled conservative and unsafe examples validate', () => {
    expect(loadLiveConfig(CONSERVATIVE).config.strategy.leverage).toBe(1.5);
    const u = loadLiveConfig(repoPath('fixtures', 'live', 'unsafe.json')).config;
    expect([u.venue, u.strategy.leverage, u.strategy.trigger]).toEqual(['hl', 4, 8]);
  });
  it('errors name the field path', () => {
    const a = doc();
    a.strategy.leverage = 'two';
    expect(err(a)).toMatch(/live.json.*strategy.leverage.*must be number/);
    const b = doc();
    b.suites[0].thresholds['return.p7x'] = { min: 0 };
    expect(err(b)).toMatch(/suites\[0\]\.thresholds/);
    const c = doc();
    delete c.gate.maxAgeHours;
    expect(err(c)).toMatch(/gate.maxAgeHours.*required/);
    const d = doc();
    d.limits.maxLeverage = 1.2;
    expect(err(d)).toMatch(/strategy.leverage.*exceeds limits.maxLeverage/);
    const e = doc();
    e.account.authority = 'not a key';
    expect(err(e)).toMatch(/account.authority/);
  });
  it('refuses anything that looks like a secret key, naming where', () => {
    const bytes = Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
    const a = doc();
    a.account.secretKey = bytes;
    expect(err(a)).toMatch(/account.secretKey.*looks like a secret key/);
    const b = doc();
    b.description = bytes as unknown as string;
    expect(err(b)).toMatch(/description.*looks like a secret key/);
    const c = doc();
    c.account.authority = '5'.repeat(44) + 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ'.slice(0, 44);
    expect(err(c)).toMatch(/account.authority.*looks like a secret key/);
    expect(err(doc())).toBe('accepted');
  });
  it('the hash covers the content, not key order or whitespace', () => {
    const a = doc();
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(configHash(JSON.parse(JSON.stringify(reordered, null, 4)))).toBe(configHash(a));
    expect(configHash(a)).toBe(loadLiveConfig(CONSERVATIVE).hash);
    a.strategy.trigger = 2.1;
    expect(configHash(a)).not.toBe(loadLiveConfig(CONSERVATIVE).hash);
  });
});

describe("live.json's names become the model's names wherever they are used", () => {
  it('a rotate / keep configuration gives the gate a suite of the rotation model with the survivor closed at the close', async () => {
    const { restrictSuite } = await import('../../../harness/gate/run.js');
    const { resolveSuite, validateSuiteDocument } = await import('../../../harness/suite/load.js');
    const d = doc();
    d.strategy.model = 'rotate';
    d.execution = { survivor: 'keep' };
    const c = validateLiveConfig(d, 'live.json');
    const suiteFile = repoPath('fixtures', 'suites', 'default.json');
    const suite = validateSuiteDocument(JSON.parse(readFileSync(suiteFile, 'utf8')), suiteFile);
    const restricted = restrictSuite(suite, c, 2);
    expect(restricted.grid.model).toEqual(['rotation']);
    expect(restricted.grid.survivor).toEqual(['close']);
    // The suite loader accepts it (it refused "rotate" and "keep" before the translation).
    const resolved = resolveSuite(restricted, suiteFile);
    expect(resolved.grid).toHaveLength(1);
    expect(resolved.grid[0]!.model).toBe('rotation');
    expect(resolved.grid[0]!.survivor).toBe('close');
  });

  it('dnh backtest --config reads the same translation', async () => {
    const { configFlags } = await import('../../../harness/cli/config-file.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const d = doc();
    d.strategy.model = 'rotate';
    d.execution = { survivor: 'keep', legPrices: 'split' };
    const f = join(mkdtempSync(join(tmpdir(), 'dnh-cfg-')), 'live.json');
    writeFileSync(f, JSON.stringify(d));
    const flags = await configFlags(f, 'backtest');
    expect([flags.model, flags.survivor, flags.legPrices]).toEqual(['rotation', 'close', 'split']);
  });
});
