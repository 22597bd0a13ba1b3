/**
 * The strategy (the seed's FundingEngine): one decision path for backtest, paper and live. It decides
 * from `(state, market, now)` and emits venue commands; venues are ports the driver owns. Pure: no I/O,
 * no clock reads (time is `obs.now`), no randomness.
 *
 * Rules, in order of precedence:
 *  1. never leave one leg unhedged beyond `hedgeTimeoutMs`: close the lone leg after the timeout;
 *  2. exit both legs on liquidation proximity (either leg's health below `exitHealth`);
 *  3. exit both legs on a funding stop (net APY over the lookback below `stopApy`);
 *  4. rebalance on the MODEL.md trigger: a leg's leverage at or above `min(T, 0.8/m_leg)` moves half the
 *     equity gap to the poorer leg; if that cannot bring both legs under their triggers, exit (rotate);
 *  5. after a venue liquidated part of a leg (`obs.liquidated`): the long reduced -> reduce the short to
 *     the long's SOL (MODEL.md 10.3's re-hedge); the short reduced -> exit both (a rotation);
 *  6. when flat and `active`, open when net APY after fees over the lookback clears `entryApy` and the
 *     lookback is fully covered by data.
 *
 * @example
 *   const d = decide(obs, state, DEFAULT_STRATEGY);   // d.commands: VenueCommand[], d.events, d.state
 */
import { money, percent } from '../format/number.js';
import { legTrigger } from '../model/params.js';
import type { TradingState, Transfer } from '../safety/gates.js';
import type { VenueCommand } from '../venue/types.js';
import { netApy, type NetApy } from './netApy.js';

export interface StrategyParams {
  /** per-leg leverage at open */
  leverage: number;
  /** leg leverage that triggers a rebalance (MODEL.md T; 999 = never, i.e. 0.8/m) */
  trigger: number;
  entryApy: number;
  stopApy: number;
  lookbackHours: number;
  horizonDays: number;
  exitHealth: number;
  hedgeTimeoutMs: number;
  perpFeeBps: number;
  slippageBps: number;
  longOpenFeeBps: number;
  longCloseFeeBps: number;
  longMaintenance: number;
  perpMaintenance: number;
}

export const DEFAULT_STRATEGY: StrategyParams = {
  leverage: 2,
  trigger: 4,
  entryApy: 0.1,
  stopApy: 0,
  lookbackHours: 7 * 24,
  horizonDays: 30,
  exitHealth: 25,
  hedgeTimeoutMs: 5 * 60_000,
  perpFeeBps: 3.5,
  slippageBps: 10,
  longOpenFeeBps: 15,
  longCloseFeeBps: 0,
  longMaintenance: 0.15,
  perpMaintenance: 0.05,
};

/** What the strategy sees: prices, rates, both legs and the idle wallet (quote 1e6 where bigint). */
export interface Observation {
  now: number;
  price: number;
  /** hourly funding rates with their times (ms), oldest first */
  funding: readonly { time: number; rate: number }[];
  lendApy: number;
  borrowApy: number;
  /** `collateral`: settled USDC on the perp venue, swept back to the wallet when flat */
  perp: { base: bigint; collateral: bigint; equity: bigint; notional: bigint; health: number };
  spot: { sol: bigint; equity: bigint; notional: bigint; health: number };
  wallet: bigint;
  tradingState: TradingState;
  /** legs a venue liquidated (in part or in full) since the previous decision */
  liquidated?: readonly ('perp' | 'spot')[];
}

export interface EngineState {
  /** when one leg was first seen open without the other, else null */
  unhedgedSince: number | null;
  /** when this engine last decided to open both legs (a leg that then fails is unhedged since then) */
  openedAt: number | null;
}

export type StrategyEventKind = 'open' | 'exit' | 'rebalance' | 'rehedge' | 'skip' | 'unhedged' | 'hedge-timeout';

export interface StrategyEvent {
  time: number;
  kind: StrategyEventKind;
  reason: string;
  apy?: NetApy;
}

export interface Decision {
  commands: VenueCommand[];
  /** when the first two commands are one rebalance transfer: the gates judge them together */
  transfer?: Transfer;
  events: StrategyEvent[];
  state: EngineState;
}

export const INITIAL_ENGINE_STATE: EngineState = { unhedgedSince: null, openedAt: null };

const USD = 1_000_000;

function apyOf(obs: Observation, p: StrategyParams): { apy: NetApy; covered: boolean } {
  const from = obs.now - p.lookbackHours * 3_600_000;
  const window = obs.funding.filter((f) => f.time > from && f.time <= obs.now);
  const covered = obs.funding.length > 0 && obs.funding[0]!.time <= from + 3_600_000;
  const apy = netApy({ ...p, hourlyFunding: window.map((f) => f.rate), lendApy: obs.lendApy, borrowApy: obs.borrowApy });
  return { apy, covered };
}

const closeBoth = (obs: Observation): VenueCommand[] => [
  ...(obs.perp.base !== 0n ? [{ venue: 'perp', command: { type: 'CLOSE_POSITION', marketIndex: 0 } } as VenueCommand] : []),
  ...(obs.spot.sol !== 0n ? [{ venue: 'spot', command: { type: 'SPOT_CLOSE' } } as VenueCommand] : []),
];

const lev = (notional: bigint, equity: bigint): number => (equity <= 0n ? Number.POSITIVE_INFINITY : Number(notional) / Number(equity));

/** Decide what to do now. */
export function decide(obs: Observation, state: EngineState, p: StrategyParams): Decision {
  const at = (kind: StrategyEventKind, reason: string, apy?: NetApy): StrategyEvent => ({ time: obs.now, kind, reason, ...(apy ? { apy } : {}) });
  const perpOpen = obs.perp.base !== 0n;
  const spotOpen = obs.spot.sol !== 0n;
  if (perpOpen !== spotOpen) {
    const since = state.unhedgedSince ?? state.openedAt ?? obs.now;
    const lone = perpOpen ? 'perp short' : 'lending long';
    if (obs.now - since >= p.hedgeTimeoutMs) {
      return { commands: closeBoth(obs), events: [at('hedge-timeout', `${lone} unhedged for ${obs.now - since} ms: closing it`)], state: { unhedgedSince: since, openedAt: null } };
    }
    return { commands: [], events: [at('unhedged', `${lone} open without its hedge`)], state: { unhedgedSince: since, openedAt: null } };
  }
  const fresh: EngineState = { unhedgedSince: null, openedAt: null };
  const { apy, covered } = apyOf(obs, p);
  if (perpOpen) {
    const worst = Math.min(obs.perp.health, obs.spot.health);
    if (worst < p.exitHealth) return { commands: closeBoth(obs), events: [at('exit', `liquidation proximity: health ${worst} < ${p.exitHealth}`, apy)], state: fresh };
    const hedge = rehedge(obs, at);
    if (hedge !== null) return { ...hedge, state: fresh };
    if (apy.net < p.stopApy) return { commands: closeBoth(obs), events: [at('exit', `funding stop: net APY ${percent(apy.net, 2)} < ${percent(p.stopApy, 2)}`, apy)], state: fresh };
    return { ...rebalance(obs, p, at), state: fresh };
  }
  // Flat: idle perp collateral goes back to the wallet first, so the next open splits all capital.
  const sweep: VenueCommand[] = obs.perp.collateral > 0n ? [{ venue: 'perp', command: { type: 'WITHDRAW', amount: obs.perp.collateral } }] : [];
  const idle = (events: StrategyEvent[]): Decision => ({ commands: sweep, events, state: fresh });
  if (obs.tradingState !== 'active') return idle([at('skip', `trading state ${obs.tradingState}`)]);
  if (!covered) return idle([at('skip', `funding history does not cover the ${p.lookbackHours} h lookback yet`)]);
  if (apy.net < p.entryApy) return idle([at('skip', `net APY ${percent(apy.net, 2)} below entry ${percent(p.entryApy, 2)}`, apy)]);
  const capital = { ...obs, wallet: obs.wallet + obs.perp.collateral };
  return { commands: [...sweep, ...openBoth(capital, p)], events: [at('open', `net APY ${percent(apy.net, 2)} clears ${percent(p.entryApy, 2)}`, apy)], state: { unhedgedSince: null, openedAt: obs.now } };
}

function openBoth(obs: Observation, p: StrategyParams): VenueCommand[] {
  const half = obs.wallet / 2n;
  const notional = BigInt(Math.floor(Number(half) * p.leverage));
  const base = BigInt(Math.floor((Number(notional) / USD / obs.price) * 1e9));
  return [
    { venue: 'spot', command: { type: 'SPOT_OPEN', equity: half, notional } },
    { venue: 'perp', command: { type: 'DEPOSIT', amount: obs.wallet - half } },
    { venue: 'perp', command: { type: 'OPEN_POSITION', marketIndex: 0, direction: 'short', baseAssetAmount: base } },
  ];
}

function rebalance(obs: Observation, p: StrategyParams, at: (k: StrategyEventKind, r: string) => StrategyEvent): Omit<Decision, 'state'> {
  const tLong = legTrigger(p.trigger, p.longMaintenance);
  const tShort = legTrigger(p.trigger, p.perpMaintenance);
  const levLong = lev(obs.spot.notional, obs.spot.equity);
  const levShort = lev(obs.perp.notional, obs.perp.equity);
  if (levLong < tLong && levShort < tShort) return { commands: [], events: [] };
  const gap = obs.spot.equity - obs.perp.equity;
  const x = (gap < 0n ? -gap : gap) / 2n;
  const perpPoorer = gap > 0n;
  const afterLong = lev(obs.spot.notional, perpPoorer ? obs.spot.equity - x : obs.spot.equity + x);
  const afterShort = lev(obs.perp.notional, perpPoorer ? obs.perp.equity + x : obs.perp.equity - x);
  const detail = `leg leverage long ${levLong.toFixed(2)} (trigger ${tLong.toFixed(2)}), short ${levShort.toFixed(2)} (trigger ${tShort.toFixed(2)})`;
  if (x <= 0n || afterLong >= tLong || afterShort >= tShort) return { commands: closeBoth(obs), events: [at('exit', `${detail}: a transfer cannot fix it, rotating`)] };
  const commands: VenueCommand[] = perpPoorer
    ? [{ venue: 'spot', command: { type: 'SPOT_BORROW', amount: x } }, { venue: 'perp', command: { type: 'DEPOSIT', amount: x } }]
    : [{ venue: 'perp', command: { type: 'WITHDRAW', amount: x } }, { venue: 'spot', command: { type: 'SPOT_REPAY', amount: x } }];
  const transfer: Transfer = perpPoorer ? { from: 'spot', to: 'perp', amount: x } : { from: 'perp', to: 'spot', amount: x };
  return { commands, transfer, events: [at('rebalance', `${detail}: moving ${money(Number(x) / USD)} to the ${perpPoorer ? 'perp' : 'lending'} leg`)] };
}

/**
 * After a venue liquidated part of a leg, the hedge no longer matches. The lending long was reduced:
 * reduce the short to the long's SOL, as MODEL.md 10.3 re-hedges. The perp short was reduced: adding
 * short risk next to a liquidation is what the gates refuse, so exit both (a rotation; the driver
 * decides again at once and may reopen). Runs only on a liquidation: lending income alone also makes the
 * long's SOL grow, which is the model's MTM drag, not a broken hedge.
 */
function rehedge(obs: Observation, at: (k: StrategyEventKind, r: string) => StrategyEvent): Omit<Decision, 'state'> | null {
  const legs = obs.liquidated ?? [];
  if (legs.length === 0) return null;
  const short = obs.perp.base < 0n ? -obs.perp.base : obs.perp.base;
  const long = obs.spot.sol;
  const sol = (x: bigint): string => (Number(x) / 1e9).toFixed(4);
  if (legs.includes('perp')) {
    return { commands: closeBoth(obs), events: [at('exit', `the perp venue liquidated part of the short (${sol(short)} SOL left against a long of ${sol(long)} SOL): closing both`)] };
  }
  if (short <= long) return null;
  return { commands: [{ venue: 'perp', command: { type: 'CLOSE_POSITION', marketIndex: 0, baseAssetAmount: short - long } }], events: [at('rehedge', `the lending venue liquidated part of the long (${sol(long)} SOL left): closing ${sol(short - long)} SOL of the ${sol(short)} SOL short`)] };
}
