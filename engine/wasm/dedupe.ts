/**
 * No duplicate work (issue 13): lanes whose kernel outputs are provably identical are run once and
 * their outputs fanned out. A lane's outputs are a function of the series and of the parameter
 * values the kernel *reads* for that lane (pairing on the f64x2 path never changes a number: the
 * parity tests prove vector == scalar for every lane). The dedupe key is the lane's packed
 * parameter row, bit for bit (so -0/0 and NaN payloads stay apart), with the fields the kernel
 * provably never reads for that lane set to 0:
 *
 * - `detail`: never part of the key; a detail lane (events/equity) is never merged, it always
 *   runs as itself in its own slot.
 * - exact convention: `gas` and `studyOpenFeeRate` (read only by study.ts).
 * - exact convention, static model (`exDay` returns before any liquidation, trigger or rebalance
 *   when `kModel == MODEL_STATIC`): both triggers, `1 - mLong`, `1 + mShort`, the penalty kinds
 *   and rates, the transfer cost, survivor, close factor and `1 + bonus`.
 * - study convention (study.ts): `longOpenFeeRate`, `longCloseFeeRate`, `1 + mShort`,
 *   `1 - mLong`, `model` (the study step has no model branch), the long's price column,
 *   survivor, close factor and `1 + bonus`.
 *
 * Triggers above a leg's cap already collapse in `laneConstants` (`legTrigger`: `min(T, 0.8/m)`),
 * so such lanes have equal rows and equal keys.
 */
import { MODEL_CODE, NP, P } from './layout.js';

const EXACT_UNREAD: readonly number[] = [P.gas, P.studyOpenFeeRate];
const STATIC_UNREAD: readonly number[] = [
  P.triggerLong,
  P.triggerShort,
  P.oneMinusMLong,
  P.onePlusMShort,
  P.penLongKind,
  P.penLongRate,
  P.penShortKind,
  P.penShortRate,
  P.transferCost,
  P.survivor,
  P.closeFactor,
  P.onePlusBonus,
];
const STUDY_UNREAD: readonly number[] = [
  P.longOpenFeeRate,
  P.longCloseFeeRate,
  P.onePlusMShort,
  P.oneMinusMLong,
  P.model,
  P.longCol,
  P.survivor,
  P.closeFactor,
  P.onePlusBonus,
];

/** Write lane `j`'s key row into `row[off..off+NP)`: the fields the kernel reads, unread ones zeroed, detail excluded. */
function fillKeyRow(row: Float64Array, off: number, data: Float64Array, stride: number, j: number, study: boolean): void {
  for (let f = 0; f < NP; f++) row[off + f] = data[f * stride + j]!;
  row[off + P.detail] = 0;
  const unread = study ? STUDY_UNREAD : EXACT_UNREAD;
  for (let i = 0; i < unread.length; i++) row[off + unread[i]!] = 0;
  if (!study && row[off + P.model] === MODEL_CODE.static) for (let i = 0; i < STATIC_UNREAD.length; i++) row[off + STATIC_UNREAD[i]!] = 0;
}

/** The fields of lane `j` the kernel reads (for `study` or exact), unread ones zeroed, detail excluded. */
export function keyRow(data: Float64Array, stride: number, j: number, study: boolean): Float64Array {
  const row = new Float64Array(NP);
  fillKeyRow(row, 0, data, stride, j, study);
  return row;
}

/** The dedupe key of lane `j`: its key row's bits as a string (the reference form of the key; `planDedupe` compares the same bits). */
export function laneKey(data: Float64Array, stride: number, j: number, study: boolean): string {
  const w = new Uint32Array(keyRow(data, stride, j, study).buffer);
  let s = '';
  for (let i = 0; i < w.length; i++) s += w[i]!.toString(36) + ',';
  return s;
}

/** The packed block to run and, for every lane, the index of its representative in it. */
export interface DedupePlan {
  /** Distinct lanes (first occurrence of each key; every detail lane). */
  rep: Int32Array;
  /** `of[j]`: index into `rep` of lane j's representative. */
  of: Int32Array;
}

const W = NP * 2;

/**
 * Plan the run of `count` lanes: detail lanes (P.detail >= 0) stay as themselves; other lanes with
 * equal keys (every bit of the key row equal) share the first one's run. Returns null when every
 * lane is distinct. Hash buckets, then an exact word-by-word comparison (a hash collision never merges).
 */
export function planDedupe(data: Float64Array, stride: number, count: number, study: boolean): DedupePlan | null {
  const keys = new Float64Array(count * NP);
  const words = new Uint32Array(keys.buffer);
  const buckets = new Map<number, number[]>();
  const rep: number[] = [];
  const repKey: number[] = [];
  const of = new Int32Array(count);
  for (let j = 0; j < count; j++) {
    if (data[P.detail * stride + j]! >= 0) {
      of[j] = rep.length;
      rep.push(j);
      repKey.push(-1);
      continue;
    }
    fillKeyRow(keys, j * NP, data, stride, j, study);
    const o = j * W;
    let h = 0x811c9dc5;
    for (let i = 0; i < W; i++) h = Math.imul(h ^ words[o + i]!, 0x01000193);
    let found = -1;
    const b = buckets.get(h);
    if (b) {
      for (const r of b) {
        const q = repKey[r]! * W;
        let eq = true;
        for (let i = 0; i < W; i++) {
          if (words[o + i] !== words[q + i]) {
            eq = false;
            break;
          }
        }
        if (eq) {
          found = r;
          break;
        }
      }
    }
    if (found >= 0) {
      of[j] = found;
    } else {
      of[j] = rep.length;
      if (b) b.push(rep.length);
      else buckets.set(h, [rep.length]);
      rep.push(j);
      repKey.push(j);
    }
  }
  if (rep.length === count) return null;
  return { rep: Int32Array.from(rep), of };
}
