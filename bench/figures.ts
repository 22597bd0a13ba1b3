/**
 * Live account figures per second (issue 10), in one interleaved run against `@drift-labs/sdk`'s own
 * `User.getHealth()` on the same seeded random live accounts: `accountFiguresBatch` end to end from decoded
 * SDK accounts (conversion + WASM kernel + result objects), the same from raw account bytes (the anchor coder's
 * decode of each user included), one account per call (a monitor's single update), the kernel alone, the BigInt
 * reference, and the floor: merely reading every decoded field the conversion reads. Results are checked equal
 * (batch = reference on all, = SDK on a sample, both SDK clients' health equal) before timing.
 *
 * Timing: ROUNDS rounds; each round runs every task once over all the accounts, in turn (interleaved, so load
 * changes on this shared machine hit every task alike). A task's rate is its accounts over its summed time; the
 * ratio to the SDK is given from the totals and as the range of the per-round ratios. (A per-call mean of
 * rates, as tinybench's `throughput.mean`, is not used: over accounts of very different cost it is the mean of
 * reciprocals and overstated the SDK ~10x in earlier runs.)
 *
 *   npm run build && npm run bench:figures     # node --expose-gc dist/bench/figures.js; BENCH_ROUNDS=10 by default
 */
import seedrandom from 'seedrandom';
import { accountFigures, accountFiguresBatch, figuresKernel, type FiguresInput } from '../engine/drift/figures.js';
import { CHUNK } from '../engine/drift/figuresKernel.js';
import { LiveAccountFactory, randomLiveInput } from '../engine/health/liveRandom.js';
import { SdkLiveOracle } from '../engine/health/sdkLiveOracle.js';
import { machine, printMachine, writeBenchJson } from './machine.js';
import { SdkReadPath } from './sdkReadPath.js';

const SEED = 'bench-figures-1';
const ACCOUNTS = CHUNK; // one kernel call
const PER_WORLD = 256; // a monitor evaluates many accounts over one set of markets
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
/** Accounts in the raw-bytes tasks (the anchor decode of a User costs milliseconds on this machine). */
const RAW = 256;
/** Calls in a row per account in the in-cache tasks. */
const HOT = 8;
const show = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
const clock = (): number => performance.now(); // clock-ok: benchmark timing

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/**
 * The floor of any conversion from decoded objects: read every field `figuresKernel.ts` reads from the user
 * account (each `BN`'s sign, length and low limb; enums; small integers), and nothing else.
 */
function touch(inputs: readonly FiguresInput[]): number {
  let s = 0;
  for (const input of inputs) {
    const u = input.user;
    s += u.status + u.maxMarginRatio + (u.marginMode.default !== undefined ? 1 : 0);
    for (const sp of u.spotPositions as Any[]) {
      const b = sp.scaledBalance;
      s += b.negative + b.length + b.words[0] + sp.openOrders + sp.marketIndex;
      if (b.length === 1 && b.words[0] === 0 && sp.openOrders === 0) continue;
      s += (sp.balanceType.borrow !== undefined ? 1 : 0) + sp.openBids.words[0] + sp.openBids.length + sp.openAsks.words[0] + sp.openAsks.length;
    }
    for (const pp of u.perpPositions as Any[]) {
      const b = pp.baseAssetAmount;
      const q = pp.quoteAssetAmount;
      const iso = pp.isolatedPositionScaledBalance;
      s += b.negative + b.length + b.words[0] + q.negative + q.length + q.words[0] + pp.openOrders + (iso === undefined ? 0 : iso.length + iso.words[0]);
      if (b.length === 1 && b.words[0] === 0 && q.length === 1 && q.words[0] === 0 && pp.openOrders === 0) continue;
      const f = pp.lastCumulativeFundingRate;
      s += pp.marketIndex + pp.positionFlag + pp.maxMarginRatio + f.negative + f.length + f.words[0] + pp.openBids.words[0] + pp.openBids.length + pp.openAsks.words[0] + pp.openAsks.length;
    }
  }
  return s;
}

interface Task {
  name: string;
  /** what it includes, for the table */
  includes: string;
  /** accounts evaluated per call */
  accounts: number;
  run(): unknown;
  ms: number[];
}

async function main(): Promise<void> {
  const machineBefore = printMachine('figures');
  console.log(`seed ${SEED}, ${ACCOUNTS} accounts, ${ROUNDS} interleaved rounds`);
  const factory = await LiveAccountFactory.create();
  const rng = seedrandom(SEED);
  const inputs: FiguresInput[] = [];
  while (inputs.length < ACCOUNTS) {
    const world = await factory.world(rng, false);
    for (let k = 0; k < PER_WORLD && inputs.length < ACCOUNTS; k++) inputs.push(await randomLiveInput(factory, rng, world));
  }
  const judge = await SdkLiveOracle.create();
  const readPath = await SdkReadPath.create(inputs);
  const rawInputs = inputs.slice(0, RAW);
  const rawUsers = await Promise.all(rawInputs.map((input) => factory.encode('User', input.user)));

  // Equality before timing: the batch equals the reference on every account, both equal the SDK on a sample,
  // the SDK's health is the same through both clients, and the raw-bytes path gives the same figures.
  const batch = accountFiguresBatch(inputs);
  const stats = { ...figuresKernel().stats };
  inputs.forEach((input, i) => {
    if (show(batch[i]) !== show(accountFigures(input))) throw new Error(`batch != reference at account ${i}`);
    judge.load(input);
    const h = judge.health();
    if (readPath.health(input) !== h) throw new Error(`SDK read path getHealth() != mock-client getHealth() at account ${i}`);
    if ((batch[i] as { health: number }).health !== h) throw new Error(`batch health != SDK getHealth() at account ${i}`);
  });
  for (let i = 0; i < ACCOUNTS; i += 16) {
    if (show(judge.evaluate(inputs[i]!)) !== show(batch[i])) throw new Error(`sdk != batch at account ${i}`);
  }
  const fromRaw = (): FiguresInput[] => rawInputs.map((input, i) => ({ ...input, user: factory.decode('User', rawUsers[i]!) }));
  if (show(accountFiguresBatch(fromRaw())) !== show(batch.slice(0, RAW))) throw new Error('raw-bytes batch != batch');
  const positions = inputs.reduce((n, it) => n + it.user.perpPositions.filter((p: Any) => !p.baseAssetAmount.isZero() || p.openOrders > 0).length, 0);
  const spots = inputs.reduce((n, it) => n + it.user.spotPositions.filter((s: Any) => !s.scaledBalance.isZero()).length, 0);
  console.log(
    `checked: batch = reference on ${ACCOUNTS}, health = SDK (both clients) on ${ACCOUNTS}, all figures = SDK on ${ACCOUNTS / 16}, raw-bytes batch = batch on ${RAW}; ` +
      `kernel ${stats.kernel}, reference ${stats.reference}, refused ${stats.refused}; ${(positions / ACCOUNTS).toFixed(2)} perp and ${(spots / ACCOUNTS).toFixed(2)} spot positions per account`,
  );

  const kernel = figuresKernel();
  const one: FiguresInput[] = [inputs[0]!];
  const tasks: Task[] = [
    { name: 'accountFiguresBatch end to end, decoded accounts', includes: 'conversion + kernel (all figures) + result objects', accounts: ACCOUNTS, run: () => accountFiguresBatch(inputs), ms: [] },
    { name: 'kernel alone, all figures', includes: 'evaluateLive on the tables the batch above wrote', accounts: stats.kernel, run: () => kernel.rerunKernel(), ms: [] },
    { name: 'kernel alone, health only', includes: 'evaluateLiveHealth (one maintenance pass)', accounts: stats.kernel, run: () => kernel.rerunKernelHealth(), ms: [] },
    {
      name: 'SDK User.getHealth(), mock DriftClient',
      includes: 'getHealth per account; markets/oracles by index (engine/health/sdkLiveOracle.ts)',
      accounts: ACCOUNTS,
      run: () => {
        let s = 0;
        for (const input of inputs) {
          judge.load(input);
          s += judge.health();
        }
        return s;
      },
      ms: [],
    },
    {
      name: 'SDK User.getHealth(), production read path',
      includes: 'getHealth per account; real DriftClient + User account subscribers (bench/sdkReadPath.ts)',
      accounts: ACCOUNTS,
      run: () => {
        let s = 0;
        for (const input of inputs) s += readPath.health(input);
        return s;
      },
      ms: [],
    },
    {
      name: 'SDK, all figures (the 11 User calls)',
      includes: `getHealth, canBeLiquidated, getTotalCollateral x2, margin requirements x2, getFreeCollateral, getLeverage, getUnrealizedPNL x2, liquidationPrice per position (mock DriftClient, Date.now pinned), on ${RAW} accounts`,
      accounts: RAW,
      run: () => {
        for (const input of rawInputs) judge.evaluate(input);
      },
      ms: [],
    },
    {
      name: 'accountFiguresBatch, one account per call',
      includes: 'a monitor on one account update: the batch call with 1 input, per account',
      accounts: ACCOUNTS,
      run: () => {
        for (const input of inputs) {
          one[0] = input;
          accountFiguresBatch(one);
        }
      },
      ms: [],
    },
    {
      name: 'accountFiguresBatch, one account per call, in cache',
      includes: `as above, each of ${RAW} accounts ${HOT} times in a row (the decoded objects in cache)`,
      accounts: RAW * HOT,
      run: () => {
        for (const input of rawInputs) {
          one[0] = input;
          for (let h = 0; h < HOT; h++) accountFiguresBatch(one);
        }
      },
      ms: [],
    },
    {
      name: 'SDK getHealth(), in cache',
      includes: `production read path, each of ${RAW} accounts ${HOT} times in a row`,
      accounts: RAW * HOT,
      run: () => {
        let s = 0;
        for (const input of rawInputs) for (let h = 0; h < HOT; h++) s += readPath.health(input);
        return s;
      },
      ms: [],
    },
    { name: 'accountFiguresBatch from raw user bytes', includes: 'anchor coder decode of each User + the batch (markets decoded once)', accounts: RAW, run: () => accountFiguresBatch(fromRaw()), ms: [] },
    {
      name: 'accountFiguresBatch from raw user bytes, one per call',
      includes: 'decode one User, then accountFiguresBatch([it]), account by account (as the SDK line below)',
      accounts: RAW,
      run: () => {
        rawInputs.forEach((input, i) => {
          one[0] = { ...input, user: factory.decode('User', rawUsers[i]!) };
          accountFiguresBatch(one);
        });
      },
      ms: [],
    },
    {
      name: 'SDK getHealth() from raw user bytes',
      includes: 'anchor coder decode of each User + getHealth (production read path)',
      accounts: RAW,
      run: () => {
        let s = 0;
        rawInputs.forEach((input, i) => (s += readPath.health({ ...input, user: factory.decode('User', rawUsers[i]!) })));
        return s;
      },
      ms: [],
    },
    { name: 'anchor decode of the User accounts alone', includes: 'coder.accounts.decode per raw user', accounts: RAW, run: () => rawUsers.map((b) => factory.decode('User', b)), ms: [] },
    { name: 'floor: read the decoded fields the conversion reads', includes: 'touch every BN/enum/int field, no conversion', accounts: ACCOUNTS, run: () => touch(inputs), ms: [] },
    {
      name: 'accountFigures (BigInt reference), all figures',
      includes: 'conversion to bigint types + the reference, per account',
      accounts: ACCOUNTS,
      run: () => {
        for (const input of inputs) accountFigures(input);
      },
      ms: [],
    },
  ];
  // Each task starts from a collected heap (untimed) and pays for the garbage it makes while it runs: the heap
  // holds ~2,000 decoded accounts (hundreds of MB), so one task's leftovers would otherwise land on the next.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) console.log('note: run with node --expose-gc (npm run bench:figures) to collect between tasks');
  for (const t of tasks) t.run(); // warm up every path once
  for (let r = 0; r < ROUNDS; r++) {
    for (const t of tasks) {
      if (t.name.startsWith('kernel alone')) accountFiguresBatch(inputs); // its tables (untimed)
      gc?.();
      const t0 = clock();
      t.run();
      t.ms.push(clock() - t0);
    }
  }
  const SDK = 3; // the mock-client SDK task: the baseline the targets name
  const rate = (t: Task, r?: number): number => (r === undefined ? (t.accounts * t.ms.length) / t.ms.reduce((a, b) => a + b, 0) : t.accounts / t.ms[r]!) * 1000;
  const rows = tasks.map((t) => {
    const perRound = t.ms.map((_, r) => rate(t, r) / rate(tasks[SDK]!, r));
    return {
      task: t.name,
      'accounts/s': Math.round(rate(t)),
      'us/account': Number((1e6 / rate(t)).toFixed(2)),
      'vs SDK getHealth': `${(rate(t) / rate(tasks[SDK]!)).toFixed(1)}x`,
      'per-round range': `${Math.min(...perRound).toFixed(1)}-${Math.max(...perRound).toFixed(1)}x`,
    };
  });
  console.table(rows);
  for (const t of tasks) console.log(`  ${t.name}: ${t.includes}`);
  const machineAfter = machine();
  console.log(`load average after: ${machineAfter.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  writeBenchJson('figures', { machine: machineBefore, loadAfter: machineAfter.loadAverage, seed: SEED, accounts: ACCOUNTS, rounds: ROUNDS, stats, rows, includes: tasks.map((t) => ({ task: t.name, includes: t.includes })) });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
