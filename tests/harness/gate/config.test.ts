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
