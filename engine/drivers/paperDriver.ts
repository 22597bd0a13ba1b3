/**
 * The paper driver: runs the strategy (`decide`) against the paper venue (perp short) and the paper
 * lending leg (long) over replay steps, on a `ManualClock`. It is the only place that touches the ports:
 * every command passes the safety gates first, then goes to its venue; outcomes, denials, liquidations,
 * alerts and state changes become one time-ordered event log. The live driver differs only in the ports.
 * The strategy's side reads and commands the venues through the asynchronous ports (engine/strategy/
 * ports.ts), awaiting one call at a time in program order; `decide` itself stays synchronous and pure.
 *
 * Each step walks its intraday path (engine/paper/replay.ts `intradayPath`): the price moves continuously
 * from the open through the extremes to the close; where a leg's liquidation price is crossed the venue
 * liquidates it there (Drift's steps for the perp, MODEL.md 10.3 for the lending leg), alerts are
 * observed, and the strategy decides at once on what is left (and again after its hedge timeout while a
 * leg stands alone). The regular decision is at the step's close. A decision that exits both legs is
 * followed at once by another (a rotation: it may reopen).
 *
 * @example
 *   const run = await runPaper(stepsFromDaily(rows), { capitalUsd: 10_000 });
 *   run.events.forEach((e) => console.log(e.time, e.kind, e.text));
 */
import { HealthAlerter, type AlertConfig, type HealthAlert } from '../alerts/healthAlerts.js';
import { PaperLendingLeg, type LendingLegConfig, type LendingLiquidation } from '../paper/lendingLeg.js';
import type { PerpLiquidation } from '../paper/perpLiquidation.js';
import { paperPerpPort, paperSpotPort } from '../paper/ports.js';
import { intradayPath, type PathPoint, type ReplayStep } from '../paper/replay.js';
import type { PaperLedger } from '../paper/types.js';
import { PaperVenue, type PaperVenueConfig } from '../paper/venue.js';
import { DEFAULT_LIMITS, checkCommand, checkTransfer, nextTradingState, type GateContext, type SafetyLimits, type TradingState } from '../safety/gates.js';
import { DEFAULT_STRATEGY, INITIAL_ENGINE_STATE, decide, type Decision, type Observation, type StrategyParams } from '../strategy/fundingEngine.js';
import { observe, type PerpPort, type SpotPort } from '../strategy/ports.js';
import { ManualClock } from '../venue/clock.js';
import type { AccountFigures, VenueCommand } from '../venue/types.js';
import { describeCommand, describeLendingLiquidation, describePerpLiquidation, usd } from './paperLog.js';

export interface PaperRunOptions {
  capitalUsd: number;
  strategy?: Partial<StrategyParams>;
  limits?: Partial<SafetyLimits>;
  alerts?: Partial<AlertConfig>;
  /** the paper Drift venue's configuration (fees, slippage, market, liquidation) */
  venue?: Partial<PaperVenueConfig>;
  /** the lending leg's liquidation (close factor, bonus, full penalty) */
  lendingLiquidation?: LendingLegConfig['liquidation'];
  /** close both legs at the last close, ungated (as a backtest ends; `dnh crosscheck`) */
  closeAtEnd?: boolean;
  /**
   * decide at the moment a venue liquidates (default true); false: the strategy sees the liquidation at
   * the step's close, as MODEL.md's `survivor=close` does (`dnh crosscheck`)
   */
  decideOnLiquidation?: boolean;
  /**
   * the ports the strategy talks to, built around the paper venues' own (default: those). Tests pass a
   * venue that records every call or resolves calls in a scrambled order; the venues behind stay the
   * paper ones, because the replay moves their prices and liquidates them.
   */
  ports?: (paper: { perp: PerpPort; spot: SpotPort }) => { perp: PerpPort; spot: SpotPort };
  /** record the account at the end of every step in `PaperRun.equity` (`dnh paper --equity-csv`); reads only */
  equityCurve?: boolean;
}

/** The account at the end of one step (quote 1e6). */
export interface PaperEquityPoint {
  time: number;
  price: number;
  wallet: bigint;
  perpEquity: bigint;
  spotEquity: bigint;
  totalEquity: bigint;
}

export type PaperEventKind = 'strategy' | 'command' | 'denied' | 'rejected' | 'not-done' | 'liquidation' | 'alert' | 'state';

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
  spot: { sol: bigint; debt: bigint; equity: bigint; health: number; lendIncome: bigint; borrowInterest: bigint; fees: bigint; liquidationPenalties: bigint; badDebt: bigint };
  /** wallet + perp equity + lending-leg equity, quote 1e6 */
  totalEquity: bigint;
  ledger: PaperLedger;
  tradingState: TradingState;
  counts: { opens: number; exits: number; rebalances: number; rehedges: number; liquidations: number; denied: number; rejected: number; notDone: number; alerts: number };
}

export interface PaperRun {
  events: PaperEvent[];
  alerts: HealthAlert[];
  /** every venue liquidation with its amounts (Drift steps; lending rounds, penalty, bad debt) */
  liquidations: { perp: PerpLiquidation[]; spot: LendingLiquidation[] };
  final: PaperFinal;
  /** with `equityCurve`: one point per step */
  equity?: PaperEquityPoint[];
}

const HOUR = 3_600_000;

/**
 * Paper replays alert once per level change and then remind every 24 h while the level holds
 * (engine/alerts/healthAlerts.ts), instead of repeating a warning at every hourly step.
 */
export const PAPER_ALERT_REMINDER_MS = 24 * HOUR;

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
export async function runPaper(steps: readonly ReplayStep[], opts: PaperRunOptions): Promise<PaperRun> {
  if (steps.length === 0) throw new RangeError('runPaper needs at least one step');
  if (!(opts.capitalUsd > 0)) throw new RangeError('capitalUsd must be positive');
  const strategy = { ...DEFAULT_STRATEGY, ...opts.strategy };
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const clock = new ManualClock(steps[0]!.start);
  const curve: PaperEquityPoint[] | null = opts.equityCurve === true ? [] : null;
  // The replay feeds prices and rates to the paper venues; the strategy side sees them only as ports.
  const perpVenue = new PaperVenue(clock, opts.venue);
  const spotVenue = new PaperLendingLeg(clock, { maintenance: strategy.longMaintenance, openFeeBps: strategy.longOpenFeeBps, closeFeeBps: strategy.longCloseFeeBps, ...(opts.lendingLiquidation ? { liquidation: opts.lendingLiquidation } : {}) });
  // The strategy's side talks to them through the asynchronous ports only (awaited one at a time, in
  // program order); the replay's side (prices, liquidations, where the path stops) uses the venues.
  const ports = (opts.ports ?? ((p) => p))({ perp: paperPerpPort(perpVenue), spot: paperSpotPort(spotVenue) });
  const perp: PerpPort = ports.perp;
  const spot: SpotPort = ports.spot;
  const perpMaintenance = perpVenue.config.markets[0]!.marginRatioMaintenance / 1e4;
  const alerter = new HealthAlerter(clock, { reminderMs: PAPER_ALERT_REMINDER_MS, ...opts.alerts });
  const events: PaperEvent[] = [];
  const alerts: HealthAlert[] = [];
  const funding: { time: number; rate: number }[] = [];
  let fundedUntil = steps[0]!.start;
  const counts = { opens: 0, exits: 0, rebalances: 0, rehedges: 0, liquidations: 0, denied: 0, rejected: 0, notDone: 0, alerts: 0 };
  const log = (kind: PaperEventKind, text: string): void => void events.push({ time: clock.now(), kind, text });
  let wallet = BigInt(Math.round(opts.capitalUsd * 1e6));
  let engineState = INITIAL_ENGINE_STATE;
  let lastStrategyKind = '';
  let tradingState: TradingState = 'active';
  let price = steps[0]!.open;
  let step = steps[0]!;
  const fundingRate = (fraction: number, p: number): bigint => BigInt(Math.round(fraction * p * 1e9));

  /** Move both venues to price `p` now (the perp oracle in micro-dollars, rounded or as given). */
  const setPrice = (p: number, oracle = BigInt(Math.round(p * 1e6))): void => {
    price = p;
    perpVenue.setMarket(0, { oraclePrice: oracle, fundingRate: fundingRate(step.fundingHourly, p) });
    spotVenue.update({ price: p, lendApy: step.lendApy, borrowApy: step.borrowApy });
  };

  const observeAlerts = async (): Promise<void> => {
    const healths = [['drift:paper', (await perp.figures()).health], ['lending:paper', await spot.health()]] as const;
    for (const [account, h] of healths) {
      for (const a of alerter.observe(account, h)) {
        alerts.push(a);
        counts.alerts++;
        log('alert', `${a.level} ${a.account} health ${a.health} (< ${a.threshold})`);
      }
    }
  };

  const decideOnLiquidation = opts.decideOnLiquidation ?? true;
  /** legs liquidated since the last decision (the strategy is told at its next decision) */
  let pendingLiquidated: ('perp' | 'spot')[] = [];

  /** Let both venues liquidate at the current price; returns the legs that were liquidated. */
  const liquidations = (forceSpot = false): ('perp' | 'spot')[] => {
    const legs: ('perp' | 'spot')[] = [];
    const l = spotVenue.liquidate(forceSpot);
    if (l !== null) {
      counts.liquidations++;
      wallet += l.released;
      legs.push('spot');
      log('liquidation', describeLendingLiquidation(l));
    }
    const p = perpVenue.liquidate(0);
    if (p !== null) {
      counts.liquidations++;
      legs.push('perp');
      log('liquidation', describePerpLiquidation(p));
    }
    pendingLiquidated.push(...legs);
    return decideOnLiquidation ? legs : [];
  };

  /** Execute one command; the reason when refused. */
  const execute = async (c: VenueCommand): Promise<string | null> => {
    const reject = (why: string): string => (counts.rejected++, log('rejected', `${describeCommand(c)}: ${why}`), `${describeCommand(c)} was rejected: ${why}`);
    if (c.venue === 'perp') {
      if (c.command.type === 'DEPOSIT' && c.command.amount > wallet) return reject(`InsufficientWalletError: the wallet holds ${usd(wallet)}`);
      if (c.command.type === 'WITHDRAW' && (await perp.position(0)) !== undefined) await perp.settlePnl(0); // only settled collateral leaves
      const o = await perp.execute(c.command);
      if (!o.ok) return reject(`${o.error.name}: ${o.error.message}`);
      if (c.command.type === 'DEPOSIT') wallet -= c.command.amount;
      if (c.command.type === 'WITHDRAW') wallet += c.command.amount;
      if (c.command.type === 'CLOSE_POSITION') await perp.settlePnl(0);
      const f = o.value.type === 'OPEN_POSITION' || o.value.type === 'CLOSE_POSITION' ? ` at ${(Number(o.value.fill.fillPrice) / 1e6).toFixed(4)} (slippage ${usd(o.value.fill.slippage)}, fee ${usd(o.value.fill.fee)})` : '';
      log('command', `${describeCommand(c)}${f}; perp health ${o.value.after.health}`);
      return null;
    }
    if (c.command.type === 'SPOT_REPAY' && c.command.amount > wallet) return reject(`InsufficientWalletError: the wallet holds ${usd(wallet)}`);
    if (c.command.type === 'SPOT_OPEN' && c.command.equity > wallet) return reject(`InsufficientWalletError: the wallet holds ${usd(wallet)}`);
    const o = await spot.execute(c.command);
    if (!o.ok) return reject(`${o.error.name}: ${o.error.message}`);
    wallet += o.value.walletDelta;
    log('command', `${describeCommand(c)}; fee ${usd(o.value.fee)}; lending health ${await spot.health()}`);
    return null;
  };

  const gateContext = async (): Promise<GateContext> => ({ price, dataAgeMs: 0, perpHealth: (await perp.figures()).health, spotHealth: await spot.health() });

  /**
   * Push a decision's commands through the gates to the venues. They depend on each other (a transfer's
   * two halves, an open's two legs): after the first denial or rejection the rest are not run, and each
   * is recorded as not done with the reason. A rebalance transfer is judged once, as a whole, by the
   * projected health of both legs (engine/safety/gates.ts `checkTransfer`). True when every command ran.
   */
  const runCommands = async (d: Decision, obs: Observation): Promise<boolean> => {
    let judgedTogether = 0;
    let failure: string | null = null;
    if (d.transfer !== undefined) {
      const legs = {
        perp: { equity: Number(obs.perp.equity) / 1e6, notional: Number(obs.perp.notional) / 1e6, maintenance: perpMaintenance },
        spot: { equity: Number(obs.spot.equity) / 1e6, notional: Number(obs.spot.notional) / 1e6, maintenance: strategy.longMaintenance },
      };
      const g = checkTransfer(tradingState, d.transfer, legs, await gateContext());
      if (!g.allow) {
        counts.denied++;
        log('denied', `transfer ${usd(d.transfer.amount)} from the ${d.transfer.from} leg to the ${d.transfer.to} leg: ${g.gate}: ${g.reason}`);
        failure = `the transfer was denied (${g.gate}: ${g.reason})`;
      } else if (g.riskReducing) {
        judgedTogether = 2;
        log('state', `transfer judged as one: health perp ${g.projected.before.perp.toFixed(1)} -> ${g.projected.after.perp.toFixed(1)}, lending ${g.projected.before.spot.toFixed(1)} -> ${g.projected.after.spot.toFixed(1)}: risk-reducing`);
      }
    }
    for (const [i, c] of d.commands.entries()) {
      if (failure !== null) {
        counts.notDone++;
        log('not-done', `${describeCommand(c)}: not run because ${failure}`);
        continue;
      }
      if (i >= judgedTogether) {
        const g = checkCommand(tradingState, c, await gateContext(), limits);
        if (!g.allow) {
          counts.denied++;
          log('denied', `${describeCommand(c)}: ${g.gate}: ${g.reason}`);
          failure = `${describeCommand(c)} was denied (${g.gate}: ${g.reason})`;
          continue;
        }
      }
      failure = await execute(c);
    }
    return failure === null;
  };

  /** Feed the funding history up to now, update the trading state, decide and act (twice on a rotation). */
  const decideNow = async (): Promise<void> => {
    const liquidated = pendingLiquidated;
    pendingLiquidated = [];
    for (let t = fundedUntil + HOUR; t <= clock.now(); t += HOUR) funding.push({ time: t, rate: step.fundingHourly });
    fundedUntil = Math.max(fundedUntil, Math.floor(clock.now() / HOUR) * HOUR);
    trimFunding(funding, clock.now() - strategy.lookbackHours * HOUR);
    for (let round = 0; round < 2; round++) {
      const nextState = nextTradingState(tradingState, await gateContext(), limits);
      if (nextState !== tradingState) log('state', `trading state ${tradingState} -> ${nextState}`);
      tradingState = nextState;
      const obs: Observation = { ...(await observe({ now: clock.now(), price, funding, lendApy: step.lendApy, borrowApy: step.borrowApy }, perp, spot, wallet, tradingState)), ...(round === 0 && liquidated.length > 0 ? { liquidated } : {}) };
      const d = decide(obs, engineState, strategy);
      engineState = d.state;
      for (const e of d.events) {
        // A run of skips is logged once, at its first step (the reason is the same kind until something happens).
        if (e.kind === 'skip' && lastStrategyKind === 'skip') continue;
        lastStrategyKind = e.kind;
        if (e.kind === 'open') counts.opens++;
        if (e.kind === 'exit' || e.kind === 'hedge-timeout') counts.exits++;
        if (e.kind === 'rebalance') counts.rebalances++;
        if (e.kind === 'rehedge') counts.rehedges++;
        log('strategy', `${e.kind}: ${e.reason}`);
      }
      const done = await runCommands(d, obs);
      const rotated = done && d.events.some((e) => e.kind === 'exit' || e.kind === 'hedge-timeout') && (await perp.position(0)) === undefined && (await spot.sol()) === 0n;
      if (!rotated) break;
    }
  };

  /**
   * The first price strictly between `from` and `to` where a leg's health falls just below an alert
   * threshold (health is rounded, so the target is `threshold - 0.51`). Lending long: `E = m N / (1 - h)`
   * at `p = debt / (sol (1 - m / (1 - h)))`; perp short with total collateral `A - k p`:
   * `p = A / (k (1 + m / (1 - h)))`. Null when none.
   */
  const alertStop = async (from: number, to: number): Promise<number | null> => {
    const targets = [alerter.config.warningBelow, alerter.config.criticalBelow].map((t) => 1 - (t - 0.51) / 100).filter((x) => x > 0 && x <= 1);
    const candidates: number[] = [];
    if (to < from && spotVenue.sol > 0n && spotVenue.debt > 0n) {
      const sol = Number(spotVenue.sol) / 1e9;
      for (const x of targets) if (1 - strategy.longMaintenance / x > 0) candidates.push(Number(spotVenue.debt) / 1e6 / (sol * (1 - strategy.longMaintenance / x)));
    }
    const pos = await perp.position(0);
    if (to > from && pos !== undefined && pos.baseAssetAmount < 0n) {
      const k = Number(-pos.baseAssetAmount) / 1e9;
      const tc = Number(perpVenue.liquidationMargins().totalCollateral) / 1e6;
      const A = tc + k * price;
      for (const x of targets) candidates.push(A / (k * (1 + perpMaintenance / x)));
    }
    // strictly ahead (a relative 1e-9 past the current price): a threshold just met is not met again
    const inside = candidates.filter((p) => Number.isFinite(p) && (to < from ? p < from * (1 - 1e-9) && p > to : p > from * (1 + 1e-9) && p < to));
    if (inside.length === 0) return null;
    return to < from ? Math.max(...inside) : Math.min(...inside);
  };

  /**
   * Walk the price from `a` to `b`, stopping where a leg's liquidation price is crossed: the venue
   * liquidates there, alerts are observed, the strategy decides on what is left, and once more after its
   * hedge timeout while one leg stands alone (if that comes before `b`).
   */
  const walk = async (a: PathPoint, b: PathPoint): Promise<void> => {
    const timeAt = (p: number): number => (b.price === a.price ? b.time : Math.floor(a.time + ((b.time - a.time) * (p - a.price)) / (b.price - a.price)));
    const priceAt = (t: number): number => (b.time === a.time ? b.price : a.price + ((b.price - a.price) * (t - a.time)) / (b.time - a.time));
    let timedOut = false; // one hedge-timeout decision per segment (a refused close waits for the next point)
    let nudge = 1n; // micro-dollars past the perp's liquidation price; grows x10 while rounding keeps it solvent
    for (let guard = 0; guard < 200; guard++) {
      type Stop = { time: number; price: number; kind: 'perp' | 'spot' | 'alert' | 'timeout'; oracle?: bigint };
      const stops: Stop[] = [];
      if (b.price > a.price) {
        const lp = perpVenue.liquidationPrice(0);
        const x = lp === null ? null : lp + nudge; // just above it: collateral below the requirement
        if (x !== null && Number(x) / 1e6 > a.price && Number(x) / 1e6 <= b.price) stops.push({ time: timeAt(Number(x) / 1e6), price: Number(x) / 1e6, kind: 'perp', oracle: x });
      } else if (b.price < a.price) {
        const ls = spotVenue.liquidationPrice();
        if (ls !== null && ls < a.price && ls >= b.price) stops.push({ time: timeAt(ls), price: ls, kind: 'spot' });
      }
      const alert = await alertStop(a.price, b.price);
      if (alert !== null) stops.push({ time: timeAt(alert), price: alert, kind: 'alert' });
      // one leg standing alone: the strategy's hedge timeout is a decision of its own
      const since = ((await perp.position(0)) !== undefined) !== ((await spot.sol()) !== 0n) ? engineState.unhedgedSince ?? engineState.openedAt : null;
      if (since !== null && !timedOut && since + strategy.hedgeTimeoutMs < b.time) {
        const t = Math.max(since + strategy.hedgeTimeoutMs, a.time);
        stops.push({ time: t, price: priceAt(t), kind: 'timeout' });
      }
      if (stops.length === 0) break;
      // the earliest stop; at the same moment a liquidation before an alert before a timeout decision
      const order = { perp: 0, spot: 0, alert: 1, timeout: 2 };
      const stop = stops.reduce((x, y) => (y.time < x.time || (y.time === x.time && order[y.kind] < order[x.kind]) ? y : x));
      clock.set(Math.max(clock.now(), stop.time));
      setPrice(stop.price, stop.oracle);
      a = { time: clock.now(), price: stop.price };
      if (stop.kind === 'alert') {
        await observeAlerts(); // alerts fire on the way down, wherever a threshold is crossed
        continue;
      }
      if (stop.kind === 'timeout') {
        timedOut = true;
        await decideNow();
        continue;
      }
      const before = counts.liquidations;
      const legs = liquidations(stop.kind === 'spot');
      await observeAlerts();
      if (counts.liquidations === before) {
        if (stop.kind !== 'perp' || nudge >= 1_000_000n) break;
        nudge *= 10n;
        continue;
      }
      nudge = 1n;
      if (legs.length > 0) await decideNow();
    }
    clock.set(Math.max(clock.now(), b.time));
    setPrice(b.price);
    if (liquidations().length > 0) await decideNow();
    await observeAlerts();
  };

  for (const s of steps) {
    step = s;
    clock.set(Math.max(clock.now(), s.start));
    setPrice(s.open);
    const gap = liquidations(); // an open beyond a liquidation price: the venue liquidates at the open
    if (gap.length > 0) await decideNow();
    const adverse = (await spot.sol()) !== 0n && (await spot.health()) <= (await perp.figures()).health ? 'low' : (await perp.position(0)) !== undefined ? 'high' : 'low';
    let from: PathPoint = { time: clock.now(), price: s.open };
    for (const point of intradayPath(s, adverse)) {
      await walk(from, point);
      from = { time: clock.now(), price: point.price };
    }
    if (s.end % 86_400_000 === 0 && (await perp.position(0)) !== undefined) await perp.settlePnl(0); // daily settlement
    await decideNow();
    if (curve) {
      const perpEquity = (await perp.figures()).equity;
      curve.push({ time: clock.now(), price, wallet, perpEquity, spotEquity: spotVenue.equity(), totalEquity: wallet + perpEquity + spotVenue.equity() });
    }
  }
  if (opts.closeAtEnd === true) {
    log('strategy', 'end of the replay: closing both legs');
    const pos = await perp.position(0);
    if (pos !== undefined && pos.baseAssetAmount !== 0n) await execute({ venue: 'perp', command: { type: 'CLOSE_POSITION', marketIndex: 0 } });
    if ((await spot.sol()) !== 0n) await execute({ venue: 'spot', command: { type: 'SPOT_CLOSE' } });
  }
  const fig = await perp.figures();
  const base = (await perp.position(0))?.baseAssetAmount ?? 0n;
  return {
    events,
    alerts,
    liquidations: { perp: [...perpVenue.liquidations], spot: [...spotVenue.liquidations] },
    final: {
      time: clock.now(), price, wallet,
      perp: { ...fig, base },
      spot: { sol: spotVenue.sol, debt: spotVenue.debt, equity: spotVenue.equity(), health: spotVenue.health(), lendIncome: spotVenue.lendIncome, borrowInterest: spotVenue.borrowInterest, fees: spotVenue.fees, liquidationPenalties: spotVenue.liquidationPenalties, badDebt: spotVenue.badDebt },
      totalEquity: wallet + fig.equity + spotVenue.equity(),
      ledger: perpVenue.ledger(),
      tradingState,
      counts,
    },
    ...(curve ? { equity: curve } : {}),
  };
}
