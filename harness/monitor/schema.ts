/**
 * The monitor's WebSocket message schema, version 1 (docs/drift-monitor.md describes it field by field).
 * Every server message is one JSON object with `schema: "dnh-monitor"`, `version: 1` and a `type`:
 *
 * - `snapshot`: the account now (figures, positions, balances), the alerts this update raised, the alert
 *   history and the session's health history. Sent on every change, and to each client on connect.
 * - `pong`: the answer to a client's `{ "type": "ping" }`.
 *
 * Clients may send `{ "type": "ping" }` or `{ "type": "snapshot" }` (resend the current one); anything
 * else is logged and ignored. Amounts are numbers in display units (USD, base units, prices in USD) for
 * the UI, and exact integer strings in Drift precisions under `raw` for scripts.
 */
import type { HealthAlert } from '../../engine/alerts/healthAlerts.js';
import type { DriftAccountView } from '../../engine/drift/view.js';

export const SCHEMA = 'dnh-monitor';
export const SCHEMA_VERSION = 1;

export interface PositionRow {
  marketIndex: number;
  market: string;
  side: 'long' | 'short' | 'flat';
  /** base units (e.g. SOL) */
  size: number;
  entryPrice: number;
  oraclePrice: number;
  /** null when the SDK finds no liquidation price */
  liquidationPrice: number | null;
  /** (liquidation - oracle) / oracle, signed; null without a liquidation price */
  distanceToLiquidation: number | null;
  /** |size| x oracle, USD */
  notional: number;
  openOrders: number;
}

export interface BalanceRow {
  marketIndex: number;
  market: string;
  /** token units, negative = borrow */
  amount: number;
  oraclePrice: number;
  /** amount x price, USD */
  value: number;
}

export interface SnapshotMessage {
  schema: typeof SCHEMA;
  version: typeof SCHEMA_VERSION;
  type: 'snapshot';
  /** increases by one per snapshot in this run */
  seq: number;
  runId: string;
  /** ms since the epoch, from the monitor's clock */
  time: number;
  account: { authority: string; subAccountId: number; user: string; userStats: string; label: string };
  /** null when the figures could not be computed (see `error`) */
  figures: null | {
    health: number;
    canBeLiquidated: boolean;
    totalCollateral: number;
    totalCollateralInitial: number;
    maintenanceMarginRequirement: number;
    initialMarginRequirement: number;
    freeCollateral: number;
    /** x, e.g. 2.5 */
    leverage: number;
    unrealizedPnl: number;
    unrealizedPnlNoFunding: number;
  };
  /** exact figures: quote 1e6, leverage 1e4, as decimal integer strings */
  raw: null | Record<string, string>;
  error: string | null;
  positions: PositionRow[];
  balances: BalanceRow[];
  /** alerts raised by this update */
  alerts: HealthAlert[];
  /** the latest alerts of the session, oldest first (bounded) */
  alertHistory: HealthAlert[];
  /** [time ms, health] of the session, oldest first (bounded) */
  healthHistory: [number, number][];
}

export type ServerMessage = SnapshotMessage | { schema: typeof SCHEMA; version: typeof SCHEMA_VERSION; type: 'pong'; time: number };

const usd = (x: bigint): number => Number(x) / 1e6;

/** The UI's rows from a reader view (display units; raw integers stay under `raw`). */
export function rowsFromView(view: DriftAccountView): { positions: PositionRow[]; balances: BalanceRow[] } {
  const positions = view.perpPositions.map((p): PositionRow => {
    const size = Number(p.baseAssetAmount) / 1e9;
    const oracle = usd(p.oraclePrice);
    const liq = p.liquidationPrice >= 0n ? usd(p.liquidationPrice) : null;
    return {
      marketIndex: p.marketIndex, market: p.market, side: size > 0 ? 'long' : size < 0 ? 'short' : 'flat', size,
      entryPrice: usd(p.entryPrice), oraclePrice: oracle, liquidationPrice: liq,
      distanceToLiquidation: liq === null || oracle === 0 ? null : (liq - oracle) / oracle,
      notional: Math.abs(size) * oracle, openOrders: p.openOrders,
    };
  });
  const balances = view.spotBalances.map((b): BalanceRow => {
    const amount = Number(b.tokenAmount) / 10 ** b.decimals;
    const price = usd(b.oraclePrice);
    return { marketIndex: b.marketIndex, market: b.market, amount, oraclePrice: price, value: amount * price };
  });
  return { positions, balances };
}

/** The figures in display units, and exactly as strings. */
export function figuresFromView(view: DriftAccountView): { figures: NonNullable<SnapshotMessage['figures']>; raw: Record<string, string> } {
  const f = view.figures;
  const raw: Record<string, string> = {};
  for (const k of ['totalCollateralMaintenance', 'totalCollateralInitial', 'maintenanceMarginRequirement', 'initialMarginRequirement', 'freeCollateral', 'leverage', 'unrealizedPnl', 'unrealizedPnlNoFunding'] as const) raw[k] = f[k].toString();
  return {
    figures: {
      health: f.health, canBeLiquidated: f.canBeLiquidated,
      totalCollateral: usd(f.totalCollateralMaintenance), totalCollateralInitial: usd(f.totalCollateralInitial),
      maintenanceMarginRequirement: usd(f.maintenanceMarginRequirement), initialMarginRequirement: usd(f.initialMarginRequirement),
      freeCollateral: usd(f.freeCollateral), leverage: Number(f.leverage) / 1e4,
      unrealizedPnl: usd(f.unrealizedPnl), unrealizedPnlNoFunding: usd(f.unrealizedPnlNoFunding),
    },
    raw,
  };
}

/** A client message, or null when it is not one the schema knows (the caller logs and ignores it). */
export function parseClientMessage(data: string): { type: 'ping' | 'snapshot' } | null {
  let m: unknown;
  try {
    m = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return null;
  const type = (m as { type?: unknown }).type;
  return type === 'ping' || type === 'snapshot' ? { type } : null;
}
