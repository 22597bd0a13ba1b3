/** Worker body for worker.test.ts: the kernel loader inside a `node:worker_threads` worker. */
import { parentPort, workerData } from 'node:worker_threads';
import type { PreparedSeries } from '../../../engine/data/series.js';
import { runLanesWasm, type PackedLanes } from '../../../engine/wasm/lanes.js';
import { instantiateKernel } from '../../../engine/wasm/loader.js';

const { series, lanes, module } = workerData as { series: PreparedSeries; lanes: PackedLanes; module: WebAssembly.Module };
// 1. The loader on its own (reads build/backtest.wasm through repoPath); 2. a module posted by the parent.
const own = runLanesWasm(series, lanes).out;
const posted = runLanesWasm(series, lanes, { kernel: instantiateKernel(module) }).out;
parentPort!.postMessage({ own, posted });
