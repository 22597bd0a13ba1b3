/**
 * Worker-thread entry of a sweep: runs its slice of lanes with `runLanes` and posts progress after
 * each chunk, then the results. Loaded from the compiled `dist/` tree (see `pool.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BacktestParams } from '../../engine/model/types.js';
import { runLanes, type LaneRunOptions, type SeriesByVenue } from './lanes.js';
import { packResults, type PackedResults } from './pack.js';
import { threadCpuMs } from '../io/thread-cpu.js';

export interface WorkerInput {
  data: SeriesByVenue;
  lanes: BacktestParams[];
  detail: number[];
  engine: LaneRunOptions['engine'];
  chunk: number;
}

export type WorkerMessage =
  | { type: 'progress'; done: number }
  | { type: 'done'; results: PackedResults; cpuMs: number | null }
  | { type: 'error'; name: string; message: string; stack?: string };

const input = workerData as WorkerInput;
const port = parentPort!;

const cpu0 = threadCpuMs();
runLanes(input.data, input.lanes, { engine: input.engine, chunk: input.chunk, detail: new Set(input.detail) }, (done) => {
  port.postMessage({ type: 'progress', done } satisfies WorkerMessage);
}).then(
  (results) => {
    const packed = packResults(results);
    const cpu1 = threadCpuMs();
    port.postMessage({ type: 'done', results: packed, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 } satisfies WorkerMessage, [packed.figures.buffer as ArrayBuffer]);
  },
  (e: unknown) => {
    const err = e as Error;
    port.postMessage({ type: 'error', name: err?.name ?? 'Error', message: err?.message ?? String(e), stack: err?.stack } satisfies WorkerMessage);
  },
);
