/**
 * The paper driver: runs the strategy (`decide`) against the paper venue (perp short) and the paper
 * lending leg (long) over replay steps, on a `ManualClock`. It is the only place that touches the ports:
 * every command passes the safety gates first, then goes to its venue; outcomes, denials, alerts and
 * state changes become one time-ordered event log. The live driver differs only in the ports it wires.
 *
 * @example
 *   const run = runPaper(stepsFromDaily(rows), { capitalUsd: 10_000 });
 *   run.events.forEach((e) => console.log(e.time, e.kind, e.text));
 */
import { HealthAlerter, type AlertConfig, type HealthAlert } from '../alerts/healthAlerts.js';
import { ManualClock } from '../paper/clock.js';
import { PaperLendingLeg } from '../paper/lendingLeg.js';
import type { ReplayStep } from '../paper/replay.js';
import type { AccountFigures, PaperLedger } from '../paper/types.js';
import { PaperVenue } from '../paper/venue.js';
import { DEFAULT_LIMITS, checkCommand, nextTradingState, type GateContext, type SafetyLimits, type TradingState, type VenueCommand } from '../safety/gates.js';
import { DEFAULT_STRATEGY, INITIAL_ENGINE_STATE, decide, type StrategyParams } from './fundingEngine.js';
import { observe, type PerpPort, type SpotPort } from './ports.js';

export interface PaperRunOptions {
  capitalUsd: number;
  strategy?: Partial<StrategyParams>;
  limits?: Partial<SafetyLimits>;
  alerts?: Partial<AlertConfig>;
}

export type PaperEventKind = 'strategy' | 'command' | 'denied' | 'rejected' | 'alert' | 'state';

export interface PaperEvent {
  time: number;
  kind: PaperEventKind;
  text: string;
}

export interface PaperFinal {
  time: number;
  price: number;
  wallet: bigint;
  perp: AccountFigures & { base: bigint };
  spot: { sol: bigint; debt: bigint; equity: bigint; health: number; lendIncome: bigint; borrowInterest: bigint };
  /** wallet + perp equity + lending-leg equity, quote 1e6 */
  totalEquity: bigint;
  ledger: PaperLedger;
  tradingState: TradingState;
  counts: { opens: number; exits: number; rebalances: number; denied: number; rejected: number; alerts: number };
}

export interface PaperRun {
  events: PaperEvent[];
  alerts: HealthAlert[];
  final: PaperFinal;
}

const HOUR = 3_600_000;
const usd = (x: bigint): string => `$${(Number(x) / 1e6).toFixed(2)}`;

function describe(c: VenueCommand): string {
  const cmd = c.command;
  switch (cmd.type) {
    case 'DEPOSIT':
    case 'WITHDRAW':
    case 'SPOT_BORROW':
    case 'SPOT_REPAY':
      return `${c.venue} ${cmd.type} ${usd(cmd.amount)}`;
    case 'OPEN_POSITION':
      return `perp OPEN_POSITION ${cmd.direction} ${(Number(cmd.baseAssetAmount) / 1e9).toFixed(4)} SOL`;
    case 'CLOSE_POSITION':
      return `perp CLOSE_POSITION${cmd.baseAssetAmount === undefined ? '' : ` ${(Number(cmd.baseAssetAmount) / 1e9).toFixed(4)} SOL`}`;
    case 'SPOT_OPEN':
      return `spot SPOT_OPEN equity ${usd(cmd.equity)} notional ${usd(cmd.notional)}`;
    case 'SPOT_CLOSE':
      return 'spot SPOT_CLOSE';
  }
}

/**
 * Drop funding entries the strategy can no longer use: it reads only the lookback window
 * `(now - lookback, now]` and, to know whether the window is covered, whether the oldest entry it is
 * shown is at most one hour after the window's start. Keeping every entry with `time > from` preserves
 * both answers exactly (hourly entries are consecutive) while the array stays the window's size, so a
 * run is linear in its rows (before: the whole history was filtered at every step, quadratic).
 */
export function trimFunding(funding: { time: number }[], from: number): void {
  let k = 0;
  while (k < funding.length - 1 && funding[k]!.time <= from) k++;
  if (k > 0) funding.splice(0, k);
}

/** Run the strategy over `steps` from an all-cash wallet of `capitalUsd`. */
export function runPaper(steps: readonly ReplayStep[], opts: PaperRunOptions): PaperRun {
  if (steps.length === 0) throw new RangeError('runPaper needs at least one step');
  if (!(opts.capitalUsd > 0)) throw new RangeError('capitalUsd must be positive');
  const strategy = { ...DEFAULT_STRATEGY, ...opts.strategy };
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const clock = new ManualClock(steps[0]!.start);
  // The replay feeds prices and rates to the paper venues; the strategy side sees them only as ports.
  const perpVenue = new PaperVenue(clock);
  const spotVenue = new PaperLendingLeg(clock, { maintenance: strategy.longMaintenance, openFeeBps: strategy.longOpenFeeBps, closeFeeBps: strategy.longCloseFeeBps });
  const perp: PerpPort = perpVenue;
  const spot: SpotPort = spotVenue;
  const alerter = new HealthAlerter(clock, opts.alerts);
  const events: PaperEvent[] = [];
  const alerts: HealthAlert[] = [];
  const funding: { time: number; rate: number }[] = [];
  const counts = { opens: 0, exits: 0, rebalances: 0, denied: 0, rejected: 0, alerts: 0 };
  const log = (kind: PaperEventKind, text: string): void => void events.push({ time: clock.now(), kind, text });
  let wallet = BigInt(Math.round(opts.capitalUsd * 1e6));
  let engineState = INITIAL_ENGINE_STATE;
  let lastStrategyKind = '';
  let tradingState: TradingState = 'active';
  let price = steps[0]!.open;
  const fundingRate = (fraction: number, p: number): bigint => BigInt(Math.round(fraction * p * 1e9));

  /** Execute one command; false when refused (the rest of its decision is then skipped). */
  const execute = (c: VenueCommand): boolean => {
    const reject = (why: string): boolean => (counts.rejected++, log('rejected', `${describe(c)}: ${why}`), false);
    if (c.venue === 'perp') {
      if (c.command.type === 'DEPOSIT' && c.command.amount > wallet) return reject(`InsufficientWalletError: the wallet holds ${usd(wallet)}`);
      if (c.command.type === 'WITHDRAW' && perp.position(0) !== undefined) perp.settlePnl(0); // only settled collateral leaves
      const o = perp.execute(c.command);
      if (!o.ok) return reject(`${o.error.name}: ${o.error.message}`);
      if (c.command.type === 'DEPOSIT') wallet -= c.command.amount;
      if (c.command.type === 'WITHDRAW') wallet += c.command.amount;
      if (c.command.type === 'CLOSE_POSITION') perp.settlePnl(0);
      const f = o.value.type === 'OPEN_POSITION' || o.value.type === 'CLOSE_POSITION' ? ` at ${(Number(o.value.fill.fillPrice) / 1e6).toFixed(4)} (slippage ${usd(o.value.fill.slippage)}, fee ${usd(o.value.fill.fee)})` : '';
      log('command', `${describe(c)}${f}; perp health ${o.value.after.health}`);
      return true;
    }
    if (c.command.type === 'SPOT_REPAY' && c.command.amount > wallet) return reject(`InsufficientWalletError: the wallet holds ${usd(wallet)}`);
    if (c.command.type === 'SPOT_OPEN' && c.command.equity > wallet) return reject(`InsufficientWalletError: the wallet holds ${usd(wallet)}`);
    const o = spot.execute(c.command);
    if (!o.ok) return reject(`${o.error.name}: ${o.error.message}`);
    wallet += o.value.walletDelta;
    log('command', `${describe(c)}; fee ${usd(o.value.fee)}; lending health ${spot.health()}`);
    return true;
  };

  for (const step of steps) {
    clock.set(Math.max(clock.now(), step.start));
    perpVenue.setMarket(0, { oraclePrice: BigInt(Math.round(step.open * 1e6)), fundingRate: fundingRate(step.fundingHourly, step.open) });
    spotVenue.update({ price: step.open, lendApy: step.lendApy, borrowApy: step.borrowApy });
    clock.set(step.end);
    price = step.close;
    perpVenue.setMarket(0, { oraclePrice: BigInt(Math.round(step.close * 1e6)), fundingRate: fundingRate(step.fundingHourly, step.close) });
    spotVenue.update({ price: step.close, lendApy: step.lendApy, borrowApy: step.borrowApy });
    for (let t = step.start + HOUR; t <= step.end; t += HOUR) funding.push({ time: t, rate: step.fundingHourly });
    trimFunding(funding, clock.now() - strategy.lookbackHours * HOUR);
    if (step.end % 86_400_000 === 0 && perp.position(0) !== undefined) perp.settlePnl(0); // daily settlement

    const fig = perp.figures();
    const ctx: GateContext = { price, dataAgeMs: 0, perpHealth: fig.health, spotHealth: spot.health() };
    const nextState = nextTradingState(tradingState, ctx, limits);
    if (nextState !== tradingState) log('state', `trading state ${tradingState} -> ${nextState}`);
    tradingState = nextState;
    for (const [account, h] of [['drift:paper', fig.health], ['lending:paper', spot.health()]] as const) {
      for (const a of alerter.observe(account, h)) {
        alerts.push(a);
        counts.alerts++;
        log('alert', `${a.level} ${a.account} health ${a.health} (< ${a.threshold})`);
      }
    }
    const obs = observe({ now: clock.now(), price, funding, lendApy: step.lendApy, borrowApy: step.borrowApy }, perp, spot, wallet, tradingState);
    const d = decide(obs, engineState, strategy);
    engineState = d.state;
    for (const e of d.events) {
      // A run of skips is logged once, at its first step (the reason is the same kind until something happens).
      if (e.kind === 'skip' && lastStrategyKind === 'skip') continue;
      lastStrategyKind = e.kind;
      if (e.kind === 'open') counts.opens++;
      if (e.kind === 'exit' || e.kind === 'hedge-timeout') counts.exits++;
      if (e.kind === 'rebalance') counts.rebalances++;
      log('strategy', `${e.kind}: ${e.reason}`);
    }
    // A decision's commands depend on each other (a transfer's two halves, an open's two legs):
    // after the first denial or rejection the rest are skipped, and the next decision sees the result.
    for (const [i, c] of d.commands.entries()) {
      const g = checkCommand(tradingState, c, { ...ctx, perpHealth: perp.figures().health, spotHealth: spot.health() }, limits);
      if (!g.allow) {
        counts.denied++;
        log('denied', `${describe(c)}: ${g.gate}: ${g.reason}`);
      }
      if (!g.allow || !execute(c)) {
        if (i + 1 < d.commands.length) log('rejected', `skipped the remaining ${d.commands.length - i - 1} command(s) of this decision`);
        break;
      }
    }
  }
  const fig = perp.figures();
  return {
    events,
    alerts,
    final: {
      time: clock.now(), price, wallet,
      perp: { ...fig, base: perp.position(0)?.baseAssetAmount ?? 0n },
      spot: { sol: spotVenue.sol, debt: spotVenue.debt, equity: spotVenue.equity(), health: spotVenue.health(), lendIncome: spotVenue.lendIncome, borrowInterest: spotVenue.borrowInterest },
      totalEquity: wallet + fig.equity + spotVenue.equity(),
      ledger: perpVenue.ledger(),
      tradingState,
      counts,
    },
  };
}
