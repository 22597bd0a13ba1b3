/**
 * Batched health evaluations per second: the WASM kernel (one call over a batch of accounts) against
 * `@drift-labs/sdk`'s own `User.getHealth()` (one account per call) and the BigInt TypeScript reference,
 * in the same run on the same seeded random accounts. Results are checked equal before anything is timed.
 * Prints a table and writes out/bench/health.json (atomically).
 *
 *   npm run build && npm run bench:health            # BENCH_TIME_MS=500 by default per task
 */
import { Bench } from 'tinybench';
import { HealthBatch, evaluateHealthBatch } from '../engine/health/kernel.js';
import { randomHealthItems } from '../engine/health/random.js';
import { accountHealth } from '../engine/health/reference.js';
import { SdkHealthOracle } from '../engine/health/sdkOracle.js';
import { printMachine, writeBenchJson } from './machine.js';

const SEED = 'bench-health-1';
const BATCH = 10_000;
const SDK_ACCOUNTS = 64;
const timeMs = Number(process.env.BENCH_TIME_MS ?? 500);

async function main(): Promise<void> {
  const machineInfo = printMachine('health');
  console.log(`seed ${SEED}, batch ${BATCH} accounts, ${timeMs} ms per task`);
  const items = randomHealthItems(SEED, BATCH, 10);
  const positions = items.reduce((n, it) => n + it.account.positions.length, 0);
  const batch = new HealthBatch(BATCH, positions);
  batch.load(items);
  batch.run();
  const full = items.map((_, i) => batch.result(i));
  batch.runHealth();
  full.forEach((r, i) => {
    if (batch.health(i) !== r.health || batch.totalCollateral(i) !== r.totalCollateral) throw new Error(`health-only mismatch at ${i}`);
  });

  const oracle = await SdkHealthOracle.create();
  const encoded: Awaited<ReturnType<SdkHealthOracle['encode']>>[] = [];
  for (const item of items.slice(0, SDK_ACCOUNTS)) encoded.push(await oracle.encode(item));
  // Check equality before timing: SDK, reference and kernel agree on every benchmarked account.
  encoded.forEach((e, i) => {
    oracle.activate(e);
    const sdk = oracle.health();
    const ref = accountHealth(items[i]!.account, items[i]!.markets).health;
    if (sdk !== ref || batch.result(i).health !== ref) throw new Error(`account ${i}: sdk ${sdk}, ref ${ref}, wasm ${batch.result(i).health}`);
  });
  if (evaluateHealthBatch(items.slice(0, 100)).some((r, i) => r.health !== batch.result(i).health)) throw new Error('batch mismatch');

  let k = 0;
  const bench = new Bench({ name: 'health', time: timeMs });
  bench
    .add(`wasm kernel health only, batch of ${BATCH}`, () => batch.runHealth())
    .add(`wasm kernel all figures, batch of ${BATCH}`, () => batch.run())
    .add('sdk User.getHealth(), 1 account', () => {
      oracle.activate(encoded[k++ % SDK_ACCOUNTS]!);
      oracle.health();
    })
    .add('ts reference accountHealth(), 1 account', () => {
      const it = items[k++ % BATCH]!;
      accountHealth(it.account, it.markets);
    });
  await bench.run();

  // calls per second from the mean latency (total calls / total time); tinybench's throughput.mean is the mean
  // of per-call rates, which over the SDK's per-account calls of very different cost overstates it 10-20x
  const perTask = bench.tasks.map((t) => 1000 / t.result!.latency.mean);
  const evals = [perTask[0]! * BATCH, perTask[1]! * BATCH, perTask[2]!, perTask[3]!];
  const names = ['wasm batched, health only', 'wasm batched, all figures', 'sdk User.getHealth()', 'ts reference, all figures'];
  const rows = names.map((name, i) => ({
    task: name,
    'accounts/s': Math.round(evals[i]!),
    'vs sdk getHealth': `${(evals[i]! / evals[2]!).toFixed(1)}x`,
  }));
  console.table(rows);
  console.log(`(sdk getHealth over ${SDK_ACCOUNTS} rotating accounts; wasm computes every figure of HealthResult, the sdk only health)`);
  const json = { machine: machineInfo, machineAfter: printMachine('health'), seed: SEED, batch: BATCH, positions, timeMs, rows, speedupVsSdk: evals[0]! / evals[2]! };
  writeBenchJson('health', json);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
