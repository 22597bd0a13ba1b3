/**
 * `accountFiguresBatch`: the figures of many accounts in one call. Every account the kernel covers is
 * evaluated by the WASM kernel; the others go to the BigInt reference one by one, and an account the
 * reference refuses yields its `FiguresRefusedError` in place (one whale never fails the batch).
 *
 * @example
 *   const out = accountFiguresBatch(inputs);
 *   for (const r of out) if (r instanceof FiguresRefusedError) console.log(r.reason); else use(r.health);
 */
import { liveFigures } from '../health/liveMargin.js';
import { FiguresRefusedError, type LiveFigures } from '../health/liveTypes.js';
import type { FiguresInput } from './figures.js';
import { MarketCache, convertAccount } from './figuresConvert.js';

export type BatchFigures = LiveFigures | FiguresRefusedError;

/** The figures of every input, in order; a refused account's entry is its `FiguresRefusedError`. */
export function accountFiguresBatch(inputs: readonly FiguresInput[]): BatchFigures[] {
  const cache = new MarketCache();
  return inputs.map((input) => {
    try {
      const { account, markets } = convertAccount(input, cache);
      return liveFigures(account, markets);
    } catch (e) {
      if (e instanceof FiguresRefusedError) return e;
      throw e;
    }
  });
}
