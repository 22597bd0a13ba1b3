/**
 * The typed-array Alea stream (rng.ts, issue 13: the generator's per-path cost) against
 * seedrandom's own Alea: the same numbers, bit for bit, over long streams and random seeds; and
 * generated paths pinned to the bytes the generator produced with seedrandom's stream before the
 * change (sha256 over dates and every number of three paths, computed on the earlier build).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { generatePath } from '../../../harness/scenario/generator.js';
import { resolveGeneratorParams } from '../../../harness/scenario/params.js';
import { aleaStream, deriveSeed, scenarioRng } from '../../../harness/scenario/rng.js';

describe('aleaStream', () => {
  it("equals seedrandom's Alea for 20,000 draws on 100 random seeds (Object.is per draw)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer({ min: 0, max: 1e6 }).map((i) => deriveSeed(i, 'set', i)), fc.integer().map(String)), (seed) => {
        const a = seedrandom.alea(seed);
        const b = aleaStream(seed);
        for (let i = 0; i < 20_000; i++) {
          const x = a();
          const y = b();
          if (!Object.is(x, y)) throw new Error(`seed ${JSON.stringify(seed)} draw ${i}: ${x} !== ${y}`);
        }
      }),
      { seed: 13_013, numRuns: 100 },
    );
  });

  it('equals it on the scenario sub-seeds the suites use', () => {
    for (let i = 0; i < 50; i++) {
      const seed = deriveSeed(42, 'mc', i);
      const a = seedrandom.alea(seed);
      const b = aleaStream(seed);
      let same = 0;
      for (let k = 0; k < 7_000; k++) if (Object.is(a(), b())) same++;
      expect(same).toBe(7_000);
    }
  });
});

describe('generatePath bytes', () => {
  it('are the bytes of the generator before the typed-array stream (pinned sha256)', () => {
    const h = createHash('sha256');
    for (const [seed, set, i, days] of [[1, 'mc', 0, 410], [42, 'regimes', 7, 730], [3, 'mc', 123, 60]] as const) {
      const rows = generatePath(resolveGeneratorParams({ days }), scenarioRng(seed, set, i));
      const f = new Float64Array(rows.flatMap((r) => [r.open, r.high, r.low, r.close, r.funding, r.lendApy, r.borrowApy]));
      h.update(rows.map((r) => r.date).join(','));
      h.update(new Uint8Array(f.buffer));
    }
    expect(h.digest('hex')).toBe('908ec89917cdd1ad8514faf37290e52d1cb9bb62a98983dbaba2f9b2e241d6f3');
  });
});
