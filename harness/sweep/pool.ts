/**
 * `runSweep`: lanes on the main thread, or split into contiguous slices over `node:worker_threads`
 * workers, each running `runLanes` on its slice. Lane results do not depend on the split, so the
 * worker count cannot change them (tested: 1 vs 2 workers are equal).
 *
 * Workers load the compiled `dist/harness/sweep/worker.js` (plain Node cannot load `.ts`); run
 * `npm run build` first. When it is missing, the error says so.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineKind } from '../../engine/backtest.js';
import { repoPath } from '../../engine/paths.js';
import type { BacktestParams, BacktestResult } from '../../engine/model/types.js';
import { runLanes, type SeriesByVenue } from './lanes.js';
import { unpackResults } from './pack.js';
import type { WorkerInput, WorkerMessage } from './worker.js';

export interface SweepRunOptions {
  engine?: EngineKind;
  /** Worker threads; 1 runs on the main thread. */
  workers?: number;
  /** Lanes per kernel call; default about 1/50 of a worker's share, at least 256. */
  chunk?: number;
  /** Lane indices that get events and equity series. */
  detail?: readonly number[];
  onProgress?: (done: number, total: number) => void;
  /** Called when a worker finishes: worker number, its lanes, its thread's CPU ms (null where unknown). For benches. */
  onWorkerDone?: (worker: number, lanes: number, cpuMs: number | null) => void;
}

/** The sweep's engine when none is asked for: the WASM kernel (bit-identical to the TypeScript reference). */
export const DEFAULT_SWEEP_ENGINE: EngineKind = 'wasm';

/**
 * Below this many lanes a sweep stays on the main thread unless workers are asked for. Measured: each
 * worker costs ~0.3-0.6 s of CPU to start (load the engine, compile the WASM), about what the kernel
 * needs for 15-25k lanes of 410 days, so splitting pays only for grids well above that.
 */
export const WORKER_THRESHOLD = 50_000;

export function workerScript(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = repoPath('dist', 'harness', 'sweep', 'worker.js');
  if (existsSync(built)) return built;
  throw new Error(`sweep workers need the compiled worker (${built}): run \`npm run build\` first, or use --workers 1`);
}

function defaultChunk(lanes: number, workers: number): number {
  return Math.max(256, Math.ceil(lanes / workers / 50));
}

export async function runSweep(data: SeriesByVenue, lanes: readonly BacktestParams[], opts: SweepRunOptions = {}): Promise<BacktestResult[]> {
  const workers = Math.max(1, Math.min(opts.workers ?? 1, lanes.length));
  const chunk = opts.chunk ?? defaultChunk(lanes.length, workers);
  const progress = opts.onProgress ?? (() => {});
  const engine = opts.engine ?? DEFAULT_SWEEP_ENGINE;
  if (workers === 1) {
    const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));
    return runLanes(data, lanes, { engine, chunk, detail: new Set(opts.detail ?? []) }, async (done) => {
      progress(done, lanes.length);
      await yieldToLoop();
    });
  }
  const script = workerScript();
  const detail = new Set(opts.detail ?? []);
  const doneBy = new Array<number>(workers).fill(0);
  const slices = Array.from({ length: workers }, (_, k) => [Math.floor((k * lanes.length) / workers), Math.floor(((k + 1) * lanes.length) / workers)] as const);
  const parts = await Promise.all(
    slices.map(([a, b], k) => {
      const input: WorkerInput = {
        data,
        lanes: lanes.slice(a, b) as BacktestParams[],
        detail: [...detail].filter((g) => g >= a && g < b).map((g) => g - a),
        engine,
        chunk,
      };
      return new Promise<BacktestResult[]>((resolve, reject) => {
        const w = new Worker(script, { workerData: input });
        w.on('message', (m: WorkerMessage) => {
          if (m.type === 'progress') {
            doneBy[k] = m.done;
            progress(doneBy.reduce((s, x) => s + x, 0), lanes.length);
          } else if (m.type === 'done') {
            opts.onWorkerDone?.(k, input.lanes.length, m.cpuMs);
            resolve(unpackResults(m.results, input.lanes));
            void w.terminate();
          } else {
            const e = new Error(`sweep worker ${k}: ${m.message}`);
            e.stack = m.stack;
            reject(e);
            void w.terminate();
          }
        });
        w.on('error', reject);
        w.on('exit', (code) => {
          if (code !== 0) reject(new Error(`sweep worker ${k} exited with code ${code}`));
        });
      });
    }),
  );
  return parts.flat();
}
