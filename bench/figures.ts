/**
 * Live account figures per second (issue 10): `accountFiguresBatch` end to end from decoded SDK accounts
 * (conversion + WASM kernel + result objects), the kernel alone on tables already written, and the BigInt
 * reference `accountFigures`, each against `@drift-labs/sdk`'s own `User.getHealth()` on the same seeded
 * random live accounts in the same run. Results are checked equal (batch = reference = SDK) before timing.
 * Prints a table with the CPU model and load average (the machine is shared) and writes out/bench/figures.json.
 *
 *   npm run build && node dist/bench/figures.js          # BENCH_TIME_MS=1000 by default per task
 */
import { cpus, loadavg } from 'node:os';
import seedrandom from 'seedrandom';
import { Bench } from 'tinybench';
import { accountFigures, accountFiguresBatch, figuresKernel, type FiguresInput } from '../engine/drift/figures.js';
import { CHUNK } from '../engine/drift/figuresKernel.js';
import { LiveAccountFactory, randomLiveInput } from '../engine/health/liveRandom.js';
import { SdkLiveOracle } from '../engine/health/sdkLiveOracle.js';
import { printMachine, writeBenchJson } from './machine.js';

const SEED = 'bench-figures-1';
const ACCOUNTS = CHUNK; // one kernel call
const PER_WORLD = 256; // a monitor evaluates many accounts over one set of markets
const timeMs = Number(process.env.BENCH_TIME_MS ?? 1000);
const show = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? v.toString() : v));

async function main(): Promise<void> {
  const machineInfo = printMachine('figures');
  const load0 = loadavg();
  console.log(`seed ${SEED}, ${ACCOUNTS} accounts, ${timeMs} ms per task; CPU ${cpus()[0]?.model} x${cpus().length}, load ${load0.map((l) => l.toFixed(2)).join(' ')}`);
  const factory = await LiveAccountFactory.create();
  const rng = seedrandom(SEED);
  const inputs: FiguresInput[] = [];
  while (inputs.length < ACCOUNTS) {
    const world = await factory.world(rng, false);
    for (let k = 0; k < PER_WORLD && inputs.length < ACCOUNTS; k++) inputs.push(await randomLiveInput(factory, rng, world));
  }
  const judge = await SdkLiveOracle.create();

  // Equality before timing: the batch equals the reference on every account, and both equal the SDK on a sample.
  const batch = accountFiguresBatch(inputs);
  const stats = { ...figuresKernel().stats };
  inputs.forEach((input, i) => {
    if (show(batch[i]) !== show(accountFigures(input))) throw new Error(`batch != reference at account ${i}`);
  });
  for (let i = 0; i < ACCOUNTS; i += 16) {
    if (show(judge.evaluate(inputs[i]!)) !== show(batch[i])) throw new Error(`sdk != batch at account ${i}`);
  }
  const positions = inputs.reduce((n, it) => n + it.user.perpPositions.filter((p: any) => !p.baseAssetAmount.isZero() || p.openOrders > 0).length, 0);
  const spots = inputs.reduce((n, it) => n + it.user.spotPositions.filter((s: any) => !s.scaledBalance.isZero()).length, 0);
  console.log(`checked: batch = reference on ${ACCOUNTS}, = SDK on ${ACCOUNTS / 16}; kernel ${stats.kernel}, reference ${stats.reference}, refused ${stats.refused}; ${(positions / ACCOUNTS).toFixed(2)} perp and ${(spots / ACCOUNTS).toFixed(2)} spot positions per account`);

  accountFiguresBatch(inputs); // leave this batch's tables in the kernel for the kernel-alone tasks
  const kernel = figuresKernel();
  kernel.rerunKernelHealth();
  kernel.lastSlots.forEach((i, a) => {
    const b = batch[i] as { health: number };
    if (kernel.lastHealth(a) !== -1 && kernel.lastHealth(a) !== b.health) throw new Error(`health-only kernel != batch at account ${i}: ${kernel.lastHealth(a)} vs ${b.health}`);
  });
  let k = 0;
  const bench = new Bench({ name: 'figures', time: timeMs });
  bench
    .add(`accountFiguresBatch end to end, ${ACCOUNTS} decoded accounts`, () => {
      accountFiguresBatch(inputs);
    })
    .add(`kernel alone (evaluateLive), ${ACCOUNTS} accounts`, () => {
      kernel.rerunKernel();
    })
    .add(`kernel alone, health only (evaluateLiveHealth), ${ACCOUNTS} accounts`, () => {
      kernel.rerunKernelHealth();
    })
    .add('sdk User.getHealth(), 1 account', () => {
      judge.load(inputs[k++ % ACCOUNTS]!);
      judge.health();
    })
    .add('accountFigures (BigInt reference), 1 account', () => {
      accountFigures(inputs[k++ % ACCOUNTS]!);
    });
  // the last batch above left the tables loaded; the end-to-end task rewrites the same tables each time
  await bench.run();
  const perTask = bench.tasks.map((t) => t.result!.throughput.mean);
  const evals = [perTask[0]! * ACCOUNTS, perTask[1]! * stats.kernel, perTask[2]! * stats.kernel, perTask[3]!, perTask[4]!];
  const names = ['accountFiguresBatch end to end (all figures)', 'kernel alone (all figures)', 'kernel alone (health only)', 'sdk User.getHealth() (health only)', 'accountFigures reference (all figures)'];
  const rows = names.map((task, i) => ({ task, 'accounts/s': Math.round(evals[i]!), 'vs sdk getHealth': `${(evals[i]! / evals[3]!).toFixed(1)}x` }));
  console.table(rows);
  const load1 = loadavg();
  console.log(`load average after: ${load1.map((l) => l.toFixed(2)).join(' ')}`);
  const json = { machine: machineInfo, seed: SEED, accounts: ACCOUNTS, timeMs, cpu: cpus()[0]?.model, cores: cpus().length, loadBefore: load0, loadAfter: load1, stats, rows };
  writeBenchJson('figures', json);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
