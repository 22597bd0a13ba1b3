/**
 * Loading the backtest kernel: the module is compiled once per thread (or received compiled, e.g.
 * posted to a worker), the instance and its memory are reused across calls. Raw exports only: the
 * host lays out memory with `ensure` and passes pointers (docs/kernel.md).
 */
import { readFileSync } from 'node:fs';
import { repoPath } from '../paths.js';
import { NO, NP } from './layout.js';

export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  ensure(bytes: number): number;
  paramFields(): number;
  /**
   * Diagnostics: 0 = common pair-days committed on the vector path, 1 = pair-days replayed in
   * scalar, 2 = event pair-days (liquidation, rotation) computed on the vector path.
   */
  vectorStats(which: number): number;
  resetStats(): void;
  /**
   * 1 (default): liquidation and rotation days stay on the f64x2 path; 0: they are replayed on the
   * scalar path as before issue 13. Bench diagnostics: 2 replays every day on the scalar path, 3
   * runs every day through the vector event day. Outputs are identical in every mode.
   */
  setVectorEvents(mode: number): void;
  outputFields(): number;
  run(
    convention: number, simd: number, mkt: number, days: number, par: number, out: number, stride: number,
    from: number, to: number, ev: number, eq: number, evCap: number, lean: number,
  ): void;
}

let compiled: WebAssembly.Module | undefined;
let shared: KernelExports | undefined;

/** The compiled module (`build/backtest.wasm`), compiled on first use. */
export function kernelModule(): WebAssembly.Module {
  if (compiled) return compiled;
  const file = repoPath('build', 'backtest.wasm');
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    throw new Error(`WASM kernel not built: ${file} is missing (run npm run build:wasm)`);
  }
  compiled = new WebAssembly.Module(bytes);
  return compiled;
}

/**
 * Use an already compiled module (e.g. posted to a worker by its parent) as this thread's module,
 * so the thread does not compile `build/backtest.wasm` again. No effect once a module is in use.
 */
export function useKernelModule(module: WebAssembly.Module): void {
  compiled ??= module;
}

/** A fresh instance of a compiled module, with its layout checked against this host. */
export function instantiateKernel(module: WebAssembly.Module = kernelModule()): KernelExports {
  const inst = new WebAssembly.Instance(module, {});
  const k = inst.exports as unknown as KernelExports;
  if (k.paramFields() !== NP || k.outputFields() !== NO) {
    throw new Error(`WASM kernel layout mismatch: module has ${k.paramFields()}/${k.outputFields()} fields, host ${NP}/${NO} (rebuild)`);
  }
  return k;
}

/** This thread's kernel instance (one per thread; each worker gets its own on first use). */
export function kernel(): KernelExports {
  return (shared ??= instantiateKernel());
}
