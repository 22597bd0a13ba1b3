/**
 * No duplicate work (issue 13): the dedupe key (engine/wasm/dedupe.ts) is sound and complete.
 *
 * - Sound: two lanes with the same key (and convention) give `===` outputs (every figure, the event
 *   log and the equity series, on the TypeScript reference) over random series with spot columns.
 * - Complete: perturbing one parameter field at a time (every field of BacktestParams, the MODEL.md
 *   section 10 options, gas and the convention included), whenever the outputs change the key
 *   changed too; and every field the kernel reads did change the key in some draw.
 * - Fan-out: the kernel with dedupe (the default) == the kernel without == the reference, on grids
 *   full of duplicates with detail lanes among them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../engine/data/series.js';
import { resolveParams, validateParams } from '../../../engine/model/params.js';
import { laneConstants } from '../../../engine/model/reference/lane.js';
import type { BacktestParams, BacktestResult } from '../../../engine/model/types.js';
import { laneKey, planDedupe } from '../../../engine/wasm/dedupe.js';
import { packLanes, runLanesWasm } from '../../../engine/wasm/lanes.js';
import { EV_FIELDS, O } from '../../../engine/wasm/layout.js';
import { firstDifference } from './compare.js';
import { optionDrawArb, paramDrawArb, paramsOf, paramsWithOptions, rowsWithSpotArb } from './gen.js';
import { compareBatch, referenceResults } from './parity-helpers.js';

const SEED = 20_261_213;

function key(p: BacktestParams): string {
  const packed = packLanes([laneConstants(p)]);
  return `${p.convention}|${laneKey(packed.data, packed.stride, 0, p.convention === 'study')}`;
}

type Perturb = [field: string, f: (p: BacktestParams) => BacktestParams];
const flip = <T>(v: T, a: T, b: T): T => (v === a ? b : a);
const PERTURBATIONS: Perturb[] = [
  ['capital', (p) => ({ ...p, capital: p.capital * 1.5 })],
  ['leverage', (p) => ({ ...p, leverage: 1 + (p.leverage - 1) * 0.5 })],
  ['trigger', (p) => ({ ...p, trigger: p.trigger >= 999 ? 1.2 * p.leverage * 1.5 : p.trigger * 1.1 })],
  ['trigger.aboveCaps', (p) => ({ ...p, trigger: 500 })],
  ['model', (p) => ({ ...p, model: p.model === 'static' ? 'rebalance' : p.model === 'rebalance' ? 'rotation' : 'static' })],
  ['model.static', (p) => ({ ...p, model: 'static' })],
  ['convention', (p) => ({ ...p, convention: flip(p.convention, 'exact', 'study'), gas: 0 })],
  ['venue', (p) => ({ ...p, venue: flip(p.venue, 'hl', 'drift') })],
  ['survivor', (p) => ({ ...p, survivor: flip(p.survivor, 'close', 'liquidation') })],
  ['legPrices', (p) => ({ ...p, legPrices: flip(p.legPrices, 'perp', 'split') })],
  ['long.liquidation', (p) => ({ ...p, long: { ...p.long, liquidation: p.long.liquidation.kind === 'full' ? { kind: 'partial', closeFactor: 0.2, bonus: 0.05 } : { kind: 'full' } } })],
  ['long.liquidation.closeFactor', (p) => ({ ...p, long: { ...p.long, liquidation: { kind: 'partial', closeFactor: p.long.liquidation.kind === 'partial' ? p.long.liquidation.closeFactor * 0.5 : 0.3, bonus: 0.05 } } })],
  ['long.liquidation.bonus', (p) => ({ ...p, long: { ...p.long, liquidation: { kind: 'partial', closeFactor: 0.2, bonus: p.long.liquidation.kind === 'partial' ? p.long.liquidation.bonus * 0.5 + 0.01 : 0.08 } } })],
  ['long.maintenance', (p) => ({ ...p, long: { ...p.long, maintenance: p.long.maintenance * 0.9 } })],
  ['long.openFeeBps', (p) => ({ ...p, long: { ...p.long, openFeeBps: p.long.openFeeBps + 3 } })],
  ['long.closeFeeBps', (p) => ({ ...p, long: { ...p.long, closeFeeBps: p.long.closeFeeBps + 3 } })],
  ['long.penalty.kind', (p) => ({ ...p, long: { ...p.long, penalty: { ...p.long.penalty, kind: flip(p.long.penalty.kind, 'equity', 'notional') } } })],
  ['long.penalty.rate', (p) => ({ ...p, long: { ...p.long, penalty: { ...p.long.penalty, rate: p.long.penalty.rate * 0.5 + 0.01 } } })],
  ['perp.maintenance', (p) => ({ ...p, perp: { ...p.perp, maintenance: p.perp.maintenance * 0.9 } })],
  ['perp.feeBps', (p) => ({ ...p, perp: { ...p.perp, feeBps: p.perp.feeBps + 3 } })],
  ['perp.penalty.kind', (p) => ({ ...p, perp: { ...p.perp, penalty: { ...p.perp.penalty, kind: flip(p.perp.penalty.kind, 'equity', 'notional') } } })],
  ['perp.penalty.rate', (p) => ({ ...p, perp: { ...p.perp, penalty: { ...p.perp.penalty, rate: p.perp.penalty.rate * 0.5 + 0.01 } } })],
  ['transferCost', (p) => ({ ...p, transferCost: p.transferCost + 7 })],
  ['gas', (p) => ({ ...p, gas: p.gas + 2 })],
];

/** A valid perturbation, or null when the changed parameters are invalid (or need spot columns the series has). */
function perturbed(p: BacktestParams, f: (p: BacktestParams) => BacktestParams): BacktestParams | null {
  try {
    const q = f(p);
    validateParams(q);
    return q;
  } catch {
    return null;
  }
}

/** What a lane's outputs are: every figure, the events and the equity (not the parameters echoed back). */
function outputs(r: BacktestResult): unknown {
  const { params: _params, ...rest } = r;
  return rest;
}

describe('dedupe key', () => {
  it('same key => === outputs; outputs differ => key differs; every read field moves the key (400 draws x 24 perturbations)', () => {
    const keyMoved = new Map<string, number>();
    const outMoved = new Map<string, number>();
    let sameKeyPairs = 0;
    fc.assert(
      fc.property(rowsWithSpotArb(2, 40), paramDrawArb(), optionDrawArb(), fc.boolean(), (rows, x, o, study) => {
        const base = study ? paramsOf(x, 'study') : paramsWithOptions(x, o);
        const grid: BacktestParams[] = [base];
        const names: string[] = ['base'];
        for (const [name, f] of PERTURBATIONS) {
          const q = perturbed(base, f);
          if (q) {
            grid.push(q);
            names.push(name);
          }
        }
        const all = new Set(grid.map((_, i) => i));
        const ref = referenceResults(rows, grid, all).map(outputs);
        const k0 = key(base);
        for (let i = 1; i < grid.length; i++) {
          const same = key(grid[i]!) === k0;
          const diff = firstDifference(ref[i], ref[0]);
          if (same) {
            sameKeyPairs++;
            expect(diff, `${names[i]}: same key, different outputs`).toBeNull();
          } else keyMoved.set(names[i]!, (keyMoved.get(names[i]!) ?? 0) + 1);
          if (diff) outMoved.set(names[i]!, (outMoved.get(names[i]!) ?? 0) + 1);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
    console.log('dedupe key: perturbations that moved the key', Object.fromEntries(keyMoved), 'moved the outputs', Object.fromEntries(outMoved), 'same-key pairs', sameKeyPairs);
    // Every field the kernel reads moved the key somewhere (venue is not a kernel input: presets are resolved).
    for (const [name] of PERTURBATIONS) if (name !== 'venue') expect(keyMoved.get(name) ?? 0, name).toBeGreaterThan(0);
    expect(keyMoved.get('venue') ?? 0).toBe(0);
    expect(sameKeyPairs).toBeGreaterThan(400);
  });

  it('static exact lanes share one key across triggers; managed lanes do not; triggers above both caps collapse', () => {
    const at = (model: 'static' | 'rebalance', trigger: number) => resolveParams({ model, trigger, leverage: 2, convention: 'exact', venue: 'hl' });
    const statics = new Set([3, 4, 5, 8, 999].map((t) => key(at('static', t))));
    expect(statics.size).toBe(1);
    const managed = new Set([3, 4, 5, 8].map((t) => key(at('rebalance', t))));
    expect(managed.size).toBe(4);
    const p = at('rebalance', 999);
    const cap = Math.max(0.8 / p.long.maintenance, 0.8 / p.perp.maintenance);
    expect(key(at('rebalance', cap * 1.5))).toBe(key(at('rebalance', 999)));
  });
});

describe('dedupe fan-out', () => {
  it('kernel with dedupe == without == reference on grids full of duplicates, detail lanes kept apart (300 batches)', () => {
    let merged = 0;
    fc.assert(
      fc.property(rowsWithSpotArb(2, 50), fc.array(fc.tuple(paramDrawArb(), optionDrawArb()), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { minLength: 4, maxLength: 12 }), (rows, draws, picks) => {
        const distinct = draws.map(([x, o]) => paramsWithOptions(x, o));
        // Duplicates of the drawn lanes, their static twins over other triggers.
        const grid = picks.map((n, i) => {
          const p = distinct[n % distinct.length]!;
          return i % 3 === 2 ? resolveParams({ ...p, model: 'static', trigger: p.trigger + (n % 7) }) : p;
        });
        expect(compareBatch(rows, grid)).toBeNull();
        const series = prepareSeries(rows, 'exact');
        const packed = packLanes(grid.map(laneConstants), new Map([[1, 0]]));
        const plan = planDedupe(packed.data, packed.stride, packed.count, false);
        if (plan) merged += packed.count - plan.rep.length;
        // The plan's hashed comparison groups lanes exactly as the string key does (detail lane 1 alone).
        const firstOf = new Map<string, number>();
        for (let j = 0; j < packed.count; j++) {
          const k = j === 1 ? `detail${j}` : laneKey(packed.data, packed.stride, j, false);
          if (!firstOf.has(k)) firstOf.set(k, j);
          const want = firstOf.get(k)!;
          const got = plan ? plan.rep[plan.of[j]!]! : j;
          expect(got, `lane ${j}`).toBe(want);
        }
        for (const simd of [true, false]) {
          const a = runLanesWasm(series, packed, { simd });
          const b = runLanesWasm(series, packed, { simd, dedupe: false });
          expect(a.out.length).toBe(b.out.length);
          for (let i = 0; i < a.out.length; i++) if (!Object.is(a.out[i], b.out[i])) expect.fail(`out[${i}]: ${a.out[i]} vs ${b.out[i]}`);
          // The detail slot's records and equity (memory past the counts is not output).
          const nEv = a.out[O.nEvents * a.stride + 1]! * EV_FIELDS;
          const nEq = a.out[O.nEquity * a.stride + 1]!;
          expect(nEv).toBeGreaterThan(0);
          expect(Array.from(a.events.subarray(0, nEv))).toEqual(Array.from(b.events.subarray(0, nEv)));
          expect(Array.from(a.equity.subarray(0, nEq))).toEqual(Array.from(b.equity.subarray(0, nEq)));
        }
      }),
      { seed: SEED + 1, numRuns: 300 },
    );
    expect(merged).toBeGreaterThan(300);
  });
});
