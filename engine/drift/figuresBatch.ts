/**
 * `accountFiguresBatch`: the figures of many accounts in one call. Every account the kernel covers is
 * evaluated by the WASM kernel; the others go to the BigInt reference one by one, and an account the
 * reference refuses yields its `FiguresRefusedError` in place (one whale never fails the batch).
 *
 * @example
 *   const out = accountFiguresBatch(inputs);
 *   for (const r of out) if (r instanceof FiguresRefusedError) console.log(r.reason); else use(r.health);
 */
import type { FiguresRefusedError, LiveFigures } from '../health/liveTypes.js';
import type { FiguresInput } from './figures.js';
import { FiguresKernel } from './figuresKernel.js';

export type BatchFigures = LiveFigures | FiguresRefusedError;

let kernel: FiguresKernel | undefined;

/** The shared kernel instance (created on first use; `stats` describe its last run). */
export function figuresKernel(): FiguresKernel {
  kernel ??= new FiguresKernel();
  return kernel;
}

/** The figures of every input, in order; a refused account's entry is its `FiguresRefusedError`. */
export function accountFiguresBatch(inputs: readonly FiguresInput[]): BatchFigures[] {
  return figuresKernel().run(inputs);
}
