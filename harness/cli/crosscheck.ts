/**
 * `dnh crosscheck`: the same configuration through the daily kernel (`dnh backtest`, WASM) and through
 * the strategy engine over the paper venues, on the same data; prints both final equities and the
 * difference term by term with the documented cause of each (harness/crosscheck/compare.ts).
 *
 * Every flag `dnh backtest` takes passes through to it unchanged (so new model options, such as
 * `--survivor`, apply to the kernel side as soon as backtest has them); the paper side is derived from
 * the kernel's resolved parameters. Own flags: `--paper-slippage on|off` (default off), `--json`.
 */
import { money, signedPercent } from '../../engine/format/number.js';
import { loadCanonicalCsv } from '../../engine/data/csv.js';
import { UsageError } from '../../engine/errors.js';
import { stepsFromDaily } from '../../engine/paper/replay.js';
import { repoPath } from '../../engine/paths.js';
import { runPaper } from '../../engine/drivers/paperDriver.js';
import type { BacktestParams, Waterfall } from '../../engine/model/types.js';
import { CAUSES, TERMS, compare, kernelTerms, paperSettings, type Crosscheck, type Term } from '../crosscheck/compare.js';
import { EXAMPLE_DATA, backtestCommand } from './backtest.js';
import { choiceFlag } from './flags.js';
import type { CliIo, Command } from './io.js';
import { dayRange, sliceByDay } from '../data/range.js';
import { CROSSCHECK_OPTIONS } from './specs/analysis.js';

const usd = (x: number): string => money(x);
const signed = (x: number): string => (x >= 0 ? '+' : '-') + money(Math.abs(x));

/** Run `dnh backtest --json` in-process on the pass-through flags; its status and parsed output. */
async function kernelRun(argv: string[], io: CliIo): Promise<{ code: number; json?: { finalEquity: number; waterfall: Waterfall; params: BacktestParams; liquidations: number; rebalances: number; rotations: number } }> {
  let out = '';
  const code = await backtestCommand([...argv, '--json'], { out: (t) => (out += t), err: (t) => io.err(t), isTty: false });
  return code === 0 ? { code, json: JSON.parse(out) } : { code };
}

function text(c: Crosscheck, file: string, params: BacktestParams): string {
  const L: string[] = [];
  L.push(`dnh crosscheck: ${file}`);
  L.push(`  kernel  exact, ${params.venue}, ${params.leverage}x / trigger ${params.trigger >= 999 ? 'never' : params.trigger + 'x'}, capital ${usd(params.capital)} (params as dnh backtest resolved them)`);
  L.push('  paper   the strategy engine always in the market on the same trigger, paper Drift perp and paper lending leg, liquidations by the venues\' rules');
  L.push('');
  L.push(`  ${'term'.padEnd(14)}${'kernel'.padStart(13)}${'paper'.padStart(13)}${'paper-kernel'.padStart(14)}`);
  const row = (name: string, k: number, p: number): string => `  ${name.padEnd(14)}${usd(k).padStart(13)}${usd(p).padStart(13)}${signed(p - k).padStart(14)}`;
  for (const t of TERMS) L.push(row(t, c.kernel.terms[t], c.paper.terms[t]));
  L.push(row('final equity', c.kernel.finalEquity, c.paper.finalEquity));
  L.push(`  counts        kernel: ${c.kernel.liquidations} liquidations, ${c.kernel.rebalances} rebalances, ${c.kernel.rotations} rotations; paper: ${c.paper.liquidations} liquidations, ${c.paper.rebalances} rebalances, ${c.paper.rotations} exits`);
  L.push('');
  L.push('causes (docs/health-paper-strategy.md, "Crosscheck"):');
  const ranked = [...TERMS].sort((a: Term, b: Term) => Math.abs(c.diff[b]) - Math.abs(c.diff[a]));
  for (const t of ranked) if (Math.abs(c.diff[t]) >= 0.005) L.push(`  ${t} ${signed(c.diff[t])}: ${CAUSES[t]}`);
  L.push('');
  L.push(`difference in final equity ${signed(c.diff.finalEquity)} (${signedPercent(c.diff.finalEquity / params.capital, 2)} of capital)`);
  return L.join('\n') + '\n';
}

export const crosscheckCommand: Command = async (argv, io) => {
  const pass: string[] = [];
  let json = false;
  let slippage = false;
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--paper-slippage' || a.startsWith('--paper-slippage=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new UsageError('--paper-slippage: expected on or off (see dnh crosscheck --help)');
      slippage = choiceFlag('--paper-slippage', v, ['on', 'off'] as const) === 'on';
    } else if (a === '--data' || a.startsWith('--data=')) {
      file = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (file === undefined) throw new UsageError("--data: option '--data <value>' argument missing (see dnh crosscheck --help)");
    } else {
      // Only the flags crosscheck declares pass to the kernel (not backtest's --config or exports).
      const flag = /^--([^=]+)/.exec(a)?.[1];
      if (a.startsWith('-') && (flag === undefined || !(flag in CROSSCHECK_OPTIONS))) throw new UsageError(`Unknown option '${a.split('=')[0]}' (see dnh crosscheck --help)`);
      pass.push(a);
    }
  }
  file ??= repoPath(...EXAMPLE_DATA);
  // --from/--to go to the kernel with the other flags; the paper side cuts the same days.
  const flag = (name: string): string | undefined => {
    const i = pass.findIndex((a) => a === name || a.startsWith(`${name}=`));
    return i < 0 ? undefined : pass[i]!.includes('=') ? pass[i]!.slice(pass[i]!.indexOf('=') + 1) : pass[i + 1];
  };
  const range = dayRange({ from: flag('--from'), to: flag('--to') });
  const kernel = await kernelRun([...pass, '--data', file], io);
  if (kernel.json === undefined) return kernel.code;
  const k = kernel.json;
  const settings = paperSettings(k.params, { slippage });
  const rows = sliceByDay(loadCanonicalCsv(file), (r) => r.date, range, file);
  const run = await runPaper(stepsFromDaily(rows), settings);
  const c = compare(k.params.capital, { finalEquity: k.finalEquity, terms: kernelTerms(k.waterfall), liquidations: k.liquidations, rebalances: k.rebalances, rotations: k.rotations }, run);
  if (json) io.out(JSON.stringify({ input: { file, rows: rows.length }, params: k.params, paperSlippage: slippage, ...c, causes: CAUSES }) + '\n');
  else io.out(text(c, file, k.params));
  return 0;
};
