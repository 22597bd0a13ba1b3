/**
 * `runSuite`: every scenario x configuration of a suite, in chunks of scenarios, on the main thread
 * (`workers: 1`) or over `node:worker_threads` workers that pull the next chunk when free. Chunks
 * are reduced by `SuiteAggregator` as they arrive, stored by scenario number: the result, and its
 * hash, do not depend on the worker count or the arrival order.
 *
 * Workers load the compiled `dist/harness/suite/worker.js` (plain Node cannot load `.ts`); run
 * `npm run build` first, or pass `workerScript`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineKind } from '../../engine/backtest.js';
import { DataError, UsageError } from '../../engine/errors.js';
import { repoPath } from '../../engine/paths.js';
import { kernelModule } from '../../engine/wasm/loader.js';
import { SuiteAggregator } from './aggregate.js';
import { runChunk, type ChunkResult } from './chunk.js';
import { dataDigests, indexScenarios } from './scenarios.js';
import { summarise, summaryNeeds, type OrderedColumns, type SuiteResult } from './summary.js';
import type { ResolvedSuite } from './types.js';
import type { SuiteWorkerInput, SuiteWorkerMessage, SuiteWorkerRequest } from './worker.js';

export interface SuiteRunOptions {
  /** Replaces the suite file's seed. */
  seed?: number;
  workers?: number;
  engine?: EngineKind;
  /** Scenarios per chunk; default: about 1/20 of a worker's share, 1 to 64 (on several workers shrinking towards the end). */
  chunk?: number;
  /** Compiled worker entry (default: beside this module, else `dist/harness/suite/worker.js`). */
  workerScript?: string;
  onProgress?: (scenariosDone: number, total: number) => void;
  /** Wall-clock milliseconds, for `meta.elapsedMs` only (never hashed). */
  now?: () => number;
  /** Called per chunk done on a worker: worker number, scenarios in the chunk, that thread's CPU ms for it (null where unknown). For benches. */
  onWorkerChunk?: (worker: number, scenarios: number, cpuMs: number | null) => void;
}

export function suiteWorkerScript(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = repoPath('dist', 'harness', 'suite', 'worker.js');
  if (existsSync(built)) return built;
  throw new UsageError(`--workers: worker threads need the compiled worker (${built}): run \`npm run build\` first, or use --workers 1`);
}

function chunks(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < total; a += size) out.push([a, Math.min(total, a + size)]);
  return out;
}

/**
 * Guided chunks for `workers` workers: at most `size`, shrinking to a quarter of each worker's share
 * of what remains, so the last chunks are small and no worker idles long while another finishes a
 * big one. Where a chunk ends never changes a result (chunks are stored by scenario number).
 */
function guidedChunks(total: number, size: number, workers: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < total; ) {
    const n = Math.max(1, Math.min(size, Math.ceil((total - a) / (4 * workers))));
    out.push([a, Math.min(total, a + n)]);
    a += n;
  }
  return out;
}

export async function runSuite(suite: ResolvedSuite, opts: SuiteRunOptions = {}): Promise<SuiteResult> {
  const now = opts.now ?? (() => 0);
  const start = now();
  const seed = opts.seed ?? suite.seed;
  const idx = indexScenarios(suite);
  const workers = Math.max(1, Math.min(opts.workers ?? 1, idx.total));
  const size = opts.chunk ?? Math.max(1, Math.min(64, Math.ceil(idx.total / workers / 20)));
  // On workers the aggregator's columns are shared: the workers order them in place at the end.
  const agg = new SuiteAggregator(idx.total, suite.grid.length, suite.thresholds.scenario, workers > 1);
  const progress = (): void => opts.onProgress?.(agg.completed, idx.total);
  const work = opts.chunk === undefined && workers > 1 ? guidedChunks(idx.total, size, workers) : chunks(idx.total, size);
  let ordered: OrderedColumns | undefined;
  if (workers === 1) {
    for (const [a, b] of work) {
      agg.add(runChunk(suite, seed, a, b, opts.engine));
      progress();
      await new Promise<void>((r) => setImmediate(r));
    }
  } else {
    ordered = await runOnWorkers(suite, seed, opts, workers, work, agg, (c) => {
      agg.add(c);
      progress();
    });
  }
  const meta = {
    file: suite.file,
    engine: opts.engine ?? 'wasm',
    workers,
    elapsedMs: now() - start,
  };
  return summarise(suite, seed, agg, idx, dataDigests(suite), meta, ordered);
}

/** A worker's failure as an error of the main thread; bad data stays a DataError (CLI exit 1, one line). */
function workerError(k: number, m: Extract<SuiteWorkerMessage, { type: 'error' }>): Error {
  if (m.dataError) {
    const { where, message } = m.dataError;
    return new DataError(where, message.slice(new DataError(where, '').message.length));
  }
  const e = new Error(`suite worker ${k}: ${m.message}`);
  e.stack = m.stack;
  return e;
}

async function runOnWorkers(
  suite: ResolvedSuite,
  seed: number,
  opts: SuiteRunOptions,
  workers: number,
  work: [number, number][],
  agg: SuiteAggregator,
  onChunk: (c: ChunkResult) => void,
): Promise<OrderedColumns> {
  const script = opts.workerScript ?? suiteWorkerScript();
  // The compiled kernel goes to every worker (a Module is cloned to a worker without recompiling).
  const input: SuiteWorkerInput = { suite, seed, engine: opts.engine, module: (opts.engine ?? 'wasm') === 'wasm' ? kernelModule() : undefined };
  let next = 0;
  let resultsLeft = work.length;
  const pool: Worker[] = [];
  // Once every chunk is in, the summary's order statistics (each configuration's return and drawdown
  // column, `selectOrdered`) and the columns' means are found on the workers, a range of
  // configurations each, in place in the aggregator's shared columns (no copies).
  const S = agg.scenarios;
  const configs = agg.configs;
  const needs = summaryNeeds(suite, S);
  const ordered: OrderedColumns = { totalReturn: agg.totalReturn, maxDrawdown: agg.maxDrawdown, returnMean: new Float64Array(configs), drawdownMean: new Float64Array(configs) };
  const fence = new Int32Array(new SharedArrayBuffer(8));
  const selectRange = (k: number): [number, number] => [Math.floor((configs * k) / workers), Math.floor((configs * (k + 1)) / workers)];
  const startSelects = (): void => {
    if (!(agg.totalReturn.buffer instanceof SharedArrayBuffer) || !(agg.maxDrawdown.buffer instanceof SharedArrayBuffer)) throw new Error('runOnWorkers: the aggregator needs shared columns');
    Atomics.add(fence, 0, 1);
    pool.forEach((w, k) => {
      const [from, to] = selectRange(k);
      w.postMessage({ type: 'select', from, to, scenarios: S, totalReturn: agg.totalReturn, maxDrawdown: agg.maxDrawdown, needs, fence } satisfies SuiteWorkerRequest);
    });
  };
  try {
    const running = Promise.all(
      Array.from(
        { length: workers },
        (_, k) =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(script, { workerData: input });
            pool.push(w);
            let finished = false;
            const send = (): void => {
              if (next >= work.length) return;
              const [from, to] = work[next++]!;
              w.postMessage({
                type: 'chunk',
                from,
                to,
              } satisfies SuiteWorkerRequest);
            };
            w.on('message', (m: SuiteWorkerMessage) => {
              if (m.type === 'result') {
                // The next request first: the worker never waits for the main thread's aggregation.
                send();
                opts.onWorkerChunk?.(k, m.chunk.to - m.chunk.from, m.cpuMs);
                onChunk(m.chunk);
                if (--resultsLeft === 0) startSelects();
              } else if (m.type === 'selected') {
                Atomics.load(fence, 1);
                ordered.returnMean.set(m.returnMean, m.from);
                ordered.drawdownMean.set(m.drawdownMean, m.from);
                w.postMessage({ type: 'stop' } satisfies SuiteWorkerRequest);
                // Its work is done: the run does not wait for the thread's teardown.
                finished = true;
                resolve();
              } else {
                reject(workerError(k, m));
                void w.terminate();
              }
            });
            w.on('error', reject);
            // An exit before its ordered columns came back is a failure, whatever the code (never a summary of zeros).
            w.on('exit', (code) => (finished ? undefined : reject(new Error(`suite worker ${k} exited with code ${code} before its work was done`))));
            // Two requests in flight per worker: when it posts a result, its next chunk is already queued.
            send();
            send();
          }),
      ),
    );
    // While the workers start (and have two chunks each to do), fault in the aggregator's columns.
    agg.prefault();
    await running;
  } catch (e) {
    // One worker failed: stop the others rather than let them finish work nobody will read.
    await Promise.all(pool.map((w) => w.terminate()));
    throw e;
  }
  return ordered;
}
