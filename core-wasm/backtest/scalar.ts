/** Whole lanes on the scalar path (any lane, with or without detail logging). */
import { resetLane, storeOut } from './lane';
import { exFinish, exStart } from './exact';
import { stRun } from './study';

export function runScalarLane(
  convention: i32, mkt: usize, days: i32, par: usize, out: usize, stride: i32, lane: i32, ev: usize, eq: usize, evCap: i32,
): void {
  if (convention == 0) {
    resetLane(par, stride, lane, false, ev, eq, evCap, days);
    exStart(mkt);
    storeOut(out, stride, lane, exFinish(mkt, days, 1));
  } else {
    resetLane(par, stride, lane, true, ev, eq, evCap, days);
    storeOut(out, stride, lane, stRun(mkt, days));
  }
}
