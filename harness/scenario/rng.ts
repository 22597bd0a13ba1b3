/**
 * Seeded random streams for scenarios (STYLE.md habit 2): every scenario owns one `seedrandom`
 * (Alea) stream whose seed is derived from (suite seed, set name, index) by sha256, so a scenario can be
 * regenerated alone, on any machine, in any worker, and gives the same bytes.
 *
 * Example: `const rng = scenarioRng(42, 'regimes', 7); rng.normal();`
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';

/** A stream of uniform and standard normal draws. */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal (Box-Muller; both values of a pair are used, in order). */
  normal(): number;
}

/** The sub-seed of one scenario: hex sha256 of `suiteSeed/setName/index`. */
export function deriveSeed(suiteSeed: number | string, setName: string, index: number): string {
  return createHash('sha256').update(`dnh-scenario/${String(suiteSeed)}/${setName}/${index}`).digest('hex');
}

/**
 * seedrandom's Alea, step for step, with its state in a Float64Array: seedrandom keeps the state
 * as properties of an object (`me.s0`...), and every step stores four doubles there, ~3x slower in
 * V8 than typed-array slots. The seeding (Mash) is seedrandom's own: the generator starts from the
 * state `seedrandom.alea(seed, { state: true }).state()` returns, so it yields the same numbers
 * bit for bit (tests/harness/scenario/rng.test.ts compares long streams).
 */
export function aleaStream(seed: string): () => number {
  const st = seedrandom.alea(seed, { state: true }).state() as { c: number; s0: number; s1: number; s2: number };
  const s = new Float64Array([st.s0, st.s1, st.s2, st.c]);
  return (): number => {
    const t = 2091639 * s[0]! + s[3]! * 2.3283064365386963e-10; // 2^-32
    s[0] = s[1]!;
    s[1] = s[2]!;
    const c = t | 0;
    s[3] = c;
    return (s[2] = t - c);
  };
}

/** A stream seeded by a string (use `deriveSeed`). */
export function makeRng(seed: string): Rng {
  // Alea (seedrandom's algorithm): ~4x faster than the default ARC4 and just as portable.
  const prng = aleaStream(seed);
  let spare = 0;
  let hasSpare = false;
  return {
    uniform: () => prng(),
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      // 1 - u is in (0, 1], so the log is finite.
      const radius = Math.sqrt(-2 * Math.log(1 - prng()));
      const angle = 2 * Math.PI * prng();
      spare = radius * Math.sin(angle);
      hasSpare = true;
      return radius * Math.cos(angle);
    },
  };
}

/** The stream of scenario `index` of set `setName` under suite seed `suiteSeed`. */
export function scenarioRng(suiteSeed: number | string, setName: string, index: number): Rng {
  return makeRng(deriveSeed(suiteSeed, setName, index));
}
