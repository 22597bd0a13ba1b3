/**
 * Health alerts (MODEL.md section 8): a warning below health 50, critical below 20, at most one alert
 * per level per 60 s per account, on an injected clock. An observation emits at most one alert: the most
 * severe level it qualifies for (critical health does not also raise a warning). Alerts are events with
 * the account, the health value, the threshold crossed and the time.
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
}

export const DEFAULT_ALERTS: AlertConfig = { warningBelow: 50, criticalBelow: 20, cooldownMs: 60_000 };

export class HealthAlerter {
  readonly config: AlertConfig;
  private readonly last = new Map<string, number>();

  constructor(private readonly clock: Clock, config: Partial<AlertConfig> = {}) {
    this.config = { ...DEFAULT_ALERTS, ...config };
    const { warningBelow, criticalBelow, cooldownMs } = this.config;
    if (!(criticalBelow <= warningBelow && cooldownMs >= 0)) throw new RangeError('alert config: need criticalBelow <= warningBelow and cooldownMs >= 0');
  }

  /** Observe an account's health now; returns the alert raised (0 or 1 of them). */
  observe(account: string, health: number): HealthAlert[] {
    if (!(Number.isFinite(health) && health >= 0 && health <= 100)) throw new RangeError(`health must be in [0, 100], got ${health}`);
    const level: AlertLevel | null = health < this.config.criticalBelow ? 'critical' : health < this.config.warningBelow ? 'warning' : null;
    if (level === null) return [];
    const now = this.clock.now();
    const key = `${account}\u0000${level}`;
    const previous = this.last.get(key);
    if (previous !== undefined && now - previous < this.config.cooldownMs) return [];
    this.last.set(key, now);
    const threshold = level === 'critical' ? this.config.criticalBelow : this.config.warningBelow;
    return [{ type: 'HEALTH_ALERT', level, account, health, threshold, time: now }];
  }
}
