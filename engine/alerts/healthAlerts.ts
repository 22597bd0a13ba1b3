/**
 * Health alerts (MODEL.md section 8): a warning below health 50, critical below 20, at most one alert
 * per level per 60 s per account, on an injected clock. An observation emits at most one alert: the most
 * severe level it qualifies for (critical health does not also raise a warning). Alerts are events with
 * the account, the health value, the threshold crossed and the time.
 *
 * Repeats collapse: an account alerts when its level changes (ok -> warning, warning -> critical,
 * critical -> warning, ...; subject to the cooldown), and while the level holds only as a reminder
 * every `reminderMs` since that level's last alert. The default reminder equals the cooldown (an alert
 * a minute while health stays low, as the live monitor has always done); paper replays pass a longer
 * one (engine/drivers/paperDriver.ts `PAPER_ALERT_REMINDER_MS`, 24 h) so an hourly replay does not
 * repeat the same warning every hour.
 *
 * @example
 *   const alerts = new HealthAlerter(clock);
 *   alerts.observe('drift:main', 17); // [{ type: 'HEALTH_ALERT', level: 'critical', health: 17, ... }]
 */
import type { Clock } from '../venue/clock.js';

export type AlertLevel = 'warning' | 'critical';

export interface HealthAlert {
  type: 'HEALTH_ALERT';
  level: AlertLevel;
  account: string;
  /** health 0..100 when observed */
  health: number;
  /** the alert fires strictly below this */
  threshold: number;
  /** ms since the epoch, from the injected clock */
  time: number;
}

export interface AlertConfig {
  warningBelow: number;
  criticalBelow: number;
  cooldownMs: number;
  /** While an account stays at one level, a reminder this long after that level's last alert (>= cooldownMs; absent: cooldownMs). */
  reminderMs?: number;
}

export const DEFAULT_ALERTS: AlertConfig = { warningBelow: 50, criticalBelow: 20, cooldownMs: 60_000 };

export class HealthAlerter {
  readonly config: AlertConfig;
  private readonly last = new Map<string, number>();
  /** The level of each account's previous observation (null: healthy). */
  private readonly level = new Map<string, AlertLevel | null>();
  private readonly reminderMs: number;

  constructor(private readonly clock: Clock, config: Partial<AlertConfig> = {}) {
    this.config = { ...DEFAULT_ALERTS, ...config };
    const { warningBelow, criticalBelow, cooldownMs } = this.config;
    if (!(criticalBelow <= warningBelow && cooldownMs >= 0)) throw new RangeError('alert config: need criticalBelow <= warningBelow and cooldownMs >= 0');
    this.reminderMs = this.config.reminderMs ?? cooldownMs;
    if (!(this.reminderMs >= cooldownMs)) throw new RangeError('alert config: need reminderMs >= cooldownMs');
  }

  /** Observe an account's health now; returns the alert raised (0 or 1 of them). */
  observe(account: string, health: number): HealthAlert[] {
    if (!(Number.isFinite(health) && health >= 0 && health <= 100)) throw new RangeError(`health must be in [0, 100], got ${health}`);
    const level: AlertLevel | null = health < this.config.criticalBelow ? 'critical' : health < this.config.warningBelow ? 'warning' : null;
    const changed = this.level.get(account) !== level;
    this.level.set(account, level);
    if (level === null) return [];
    const now = this.clock.now();
    const key = `${account}\u0000${level}`;
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < (changed ? this.config.cooldownMs : this.reminderMs)) return [];
    this.last.set(key, now);
    const threshold = level === 'critical' ? this.config.criticalBelow : this.config.warningBelow;
    return [{ type: 'HEALTH_ALERT', level, account, health, threshold, time: now }];
  }
}
