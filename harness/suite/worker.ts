/**
 * Worker-thread entry of a suite run: receives the resolved suite once, then chunk requests
 * `{ from, to }`, and answers each with its `ChunkResult` (typed arrays transferred, not copied).
 * Loaded from the compiled `dist/` tree (see `runner.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineKind } from '../../engine/backtest.js';
import { DataError, type DataErrorWhere } from '../../engine/errors.js';
import { runChunk, type ChunkResult } from './chunk.js';
import type { ResolvedSuite } from './types.js';
import { threadCpuMs } from '../io/thread-cpu.js';
import { useKernelModule } from '../../engine/wasm/loader.js';
import { meanThenSelect, type OrderNeeds } from './select.js';

export interface SuiteWorkerInput {
  suite: ResolvedSuite;
  seed: number;
  engine?: EngineKind;
  /** The parent's compiled kernel module (the worker then does not compile it again). */
  module?: WebAssembly.Module;
}

/**
 * `select`: the aggregator's shared config-major columns (each configuration's segment `scenarios`
 * long); for configurations `from..to`, the worker takes each segment's mean (scenario order) and
 * then orders the segment in place where the summary reads it (`selectOrdered` with `needs`). No
 * copies: `runner.ts` has this done on the workers, a disjoint range each, once every chunk is in.
 * `fence` orders the memory: the main thread bumps slot 0 before posting, the worker reads it
 * first; the worker bumps slot 1 before answering, the main thread reads it on the answer.
 */
export type SuiteWorkerRequest =
  | { type: 'chunk'; from: number; to: number }
  | { type: 'select'; from: number; to: number; scenarios: number; totalReturn: Float64Array; maxDrawdown: Float64Array; needs: { totalReturn: OrderNeeds; maxDrawdown: OrderNeeds }; fence: Int32Array }
  | { type: 'stop' };
export type SuiteWorkerMessage =
  | { type: 'result'; chunk: ChunkResult; cpuMs: number | null }
  | { type: 'selected'; from: number; returnMean: Float64Array; drawdownMean: Float64Array }
  | { type: 'error'; message: string; stack?: string; dataError?: { where: DataErrorWhere; message: string } };

const input = workerData as SuiteWorkerInput;
const port = parentPort!;
if (input.module) useKernelModule(input.module);

port.on('message', (m: SuiteWorkerRequest) => {
  if (m.type === 'stop') {
    port.close();
    return;
  }
  if (m.type === 'select') {
    Atomics.load(m.fence, 0);
    const returnMean = meanThenSelect(m.totalReturn, m.scenarios, m.from, m.to, m.needs.totalReturn);
    const drawdownMean = meanThenSelect(m.maxDrawdown, m.scenarios, m.from, m.to, m.needs.maxDrawdown);
    Atomics.add(m.fence, 1, 1);
    port.postMessage({ type: 'selected', from: m.from, returnMean, drawdownMean } satisfies SuiteWorkerMessage, [returnMean.buffer, drawdownMean.buffer] as ArrayBuffer[]);
    return;
  }
  try {
    const c0 = threadCpuMs();
    const chunk = runChunk(input.suite, input.seed, m.from, m.to, input.engine);
    const c1 = threadCpuMs();
    const transfer = [chunk.totalReturn.buffer, chunk.maxDrawdown.buffer, chunk.liquidations.buffer, chunk.ruined.buffer] as ArrayBuffer[];
    port.postMessage({ type: 'result', chunk, cpuMs: c0 === null || c1 === null ? null : c1 - c0 } satisfies SuiteWorkerMessage, transfer);
  } catch (e) {
    const err = e as Error;
    const dataError = e instanceof DataError ? { where: e.where, message: e.message } : undefined;
    port.postMessage({ type: 'error', message: `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`, stack: err?.stack, dataError } satisfies SuiteWorkerMessage);
  }
});
