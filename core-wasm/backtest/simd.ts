import { runScalarLane } from './scalar';
export function runExactSimd(mkt: usize, days: i32, par: usize, out: usize, stride: i32, from: i32, to: i32, ev: usize, eq: usize, evCap: i32): void {
  for (let lane = from; lane < to; lane++) runScalarLane(0, mkt, days, par, out, stride, lane, ev, eq, evCap);
}
