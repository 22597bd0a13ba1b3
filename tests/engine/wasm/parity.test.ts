/**
 * Proves the WASM kernel (f64x2 and scalar paths) reproduces the TypeScript reference bit for bit
 * (`Object.is` on every field, event log and equity series of detail lanes) over random valid
 * market paths and parameters, for both conventions and all three models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paramDrawArb, paramsOf, rowsArb } from './gen.js';
import { kernel } from '../../../engine/wasm/loader.js';
import { compareBatch, emptyCoverage } from './parity-helpers.js';

const SEED = 20_261_121;

describe('WASM kernel == TypeScript reference (random paths and parameters)', () => {
  for (const convention of ['exact', 'study'] as const) {
    it(`${convention}: 1000 random batches (1-6 lanes each) agree on every field`, () => {
      const cov = emptyCoverage();
      kernel().resetStats();
      fc.assert(
        fc.property(rowsArb(2, 60), fc.array(paramDrawArb(), { minLength: 1, maxLength: 6 }), (rows, draws) => {
          const diff = compareBatch(rows, draws.map((x) => paramsOf(x, convention)), cov);
          expect(diff).toBeNull();
        }),
        { seed: SEED, numRuns: 1000 },
      );
      const vector = kernel().vectorStats(0);
      const replays = kernel().vectorStats(1);
      const eventDays = kernel().vectorStats(2);
      console.log(`${convention} coverage`, cov, { vectorPairDays: vector, scalarReplays: replays, vectorEventDays: eventDays });
      if (convention === 'exact') {
        // Every part of the f64x2 kernel ran: committed common days, liquidation/rotation days on
        // the vector path (vevent.ts) and scalar replays of what stays rare (ruin on reopen).
        expect(vector).toBeGreaterThan(1000);
        expect(eventDays).toBeGreaterThan(100);
        expect(replays).toBeGreaterThan(5);
      }
      // The generators must reach the event paths, not only quiet days.
      expect(cov.liquidations).toBeGreaterThan(50);
      expect(cov.rebalances).toBeGreaterThan(50);
      expect(cov.badDebtLanes).toBeGreaterThan(5);
      expect(cov.bothLegDays).toBeGreaterThan(5);
      expect(cov.ruined).toBeGreaterThan(5);
      if (convention === 'exact') expect(cov.refusedRebalances).toBeGreaterThan(5);
    });
  }
});
