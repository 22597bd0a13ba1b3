/**
 * The monitor: after every poll of the account source that changed something (an account or an oracle
 * update), compute the figures, feed the health to the shared alert logic (engine/alerts/healthAlerts.ts:
 * warning below 50, critical below 20, 60 s cooldown per level and account, on the injected clock), and
 * publish one snapshot (schema.ts) to every listener. Health and alert histories are bounded.
 *
 * @example
 *   const monitor = new Monitor({ source: reader, clock, runId, logger, label: 'main' });
 *   monitor.listen((s) => server.broadcast(s));
 *   await monitor.poll();
 */
import type { Logger } from 'pino';
import { HealthAlerter, type AlertConfig, type HealthAlert } from '../../engine/alerts/healthAlerts.js';
import type { DriftAccountView } from '../../engine/drift/view.js';
import type { Clock } from '../../engine/venue/clock.js';
import { figuresFromView, rowsFromView, SCHEMA, SCHEMA_VERSION, type SnapshotMessage } from './schema.js';

/** What the monitor reads: the Drift reader, or anything with the same two calls. */
export interface AccountSource {
  /** one poll; the SDK change events it fired (empty: nothing changed) */
  refresh(): Promise<string[]>;
  view(): DriftAccountView;
  readonly addresses: { authority: string; subAccountId: number; user: string; userStats: string };
}

export interface MonitorOptions {
  source: AccountSource;
  clock: Clock;
  runId: string;
  logger: Logger;
  label?: string;
  alerts?: Partial<AlertConfig>;
  /** health points kept for the chart */
  healthHistoryLimit?: number;
  /** alerts kept in the history */
  alertHistoryLimit?: number;
}

export class Monitor {
  private seq = 0;
  private readonly alerter: HealthAlerter;
  private readonly listeners = new Set<(s: SnapshotMessage) => void>();
  private readonly healthHistory: [number, number][] = [];
  private readonly alertHistory: HealthAlert[] = [];
  current: SnapshotMessage | null = null;

  constructor(private readonly o: MonitorOptions) {
    this.alerter = new HealthAlerter(o.clock, o.alerts);
  }

  /** Call `fn` with every snapshot from now on; returns the unsubscribe function. */
  listen(fn: (s: SnapshotMessage) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Poll the source; publish a snapshot if anything changed (or none was published yet). */
  async poll(): Promise<SnapshotMessage | null> {
    const changes = await this.o.source.refresh();
    if (changes.length === 0 && this.current !== null) return null;
    this.o.logger.debug({ changes: [...new Set(changes)].sort() }, 'account update');
    return this.update();
  }

  /** Compute and publish a snapshot from the accounts loaded now. */
  update(): SnapshotMessage {
    const time = this.o.clock.now();
    const a = this.o.source.addresses;
    const account = { authority: a.authority, subAccountId: a.subAccountId, user: a.user, userStats: a.userStats, label: this.o.label ?? `${a.authority.slice(0, 4)}…/${a.subAccountId}` };
    let snapshot: SnapshotMessage;
    try {
      const view = this.o.source.view();
      const { figures, raw } = figuresFromView(view);
      const { positions, balances } = rowsFromView(view);
      const alerts = this.alerter.observe(`drift:${a.user}`, figures.health);
      this.push(this.healthHistory, [time, figures.health], this.o.healthHistoryLimit ?? 1_000);
      for (const alert of alerts) {
        this.push(this.alertHistory, alert, this.o.alertHistoryLimit ?? 200);
        this.o.logger[alert.level === 'critical' ? 'error' : 'warn']({ alert }, `health ${alert.level}: ${alert.health} < ${alert.threshold}`);
      }
      snapshot = this.message({ time, account, figures, raw, error: null, positions, balances, alerts });
      this.o.logger.info({ seq: snapshot.seq, health: figures.health, freeCollateral: figures.freeCollateral, canBeLiquidated: figures.canBeLiquidated }, 'snapshot');
    } catch (e) {
      const error = `${(e as Error).name}: ${(e as Error).message}`;
      this.o.logger.error({ err: error }, 'figures could not be computed');
      snapshot = this.message({ time, account, figures: null, raw: null, error, positions: [], balances: [], alerts: [] });
    }
    this.current = snapshot;
    for (const fn of this.listeners) fn(snapshot);
    return snapshot;
  }

  private message(m: Pick<SnapshotMessage, 'time' | 'account' | 'figures' | 'raw' | 'error' | 'positions' | 'balances' | 'alerts'>): SnapshotMessage {
    return {
      schema: SCHEMA, version: SCHEMA_VERSION, type: 'snapshot', seq: ++this.seq, runId: this.o.runId, ...m,
      alertHistory: [...this.alertHistory], healthHistory: this.healthHistory.map((p) => [p[0], p[1]]),
    };
  }

  private push<T>(list: T[], item: T, limit: number): void {
    list.push(item);
    if (list.length > limit) list.splice(0, list.length - limit);
  }
}
