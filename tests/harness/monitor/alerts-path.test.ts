/**
 * The demo's scripted SOL rally drives the demo account's health through 50 and 20 and back: the monitor
 * raises exactly the alerts the rule gives (warning below 50, critical below 20, one per level per 60 s
 * of chain time, the most severe level only) on the health an independent SDK `User` computes at every
 * step; the cooldown visibly suppresses alerts and lets them fire again after 60 s.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HealthAlert } from '../../../engine/alerts/healthAlerts.js';
import { WORLD_START_UNIX } from '../../../harness/chain/world.js';
import { DEMO_SOL_PATH, DEMO_STEP_SECONDS, startDemo, type Demo } from '../../../harness/monitor/demo.js';
import { createLogger } from '../../../harness/monitor/log.js';
import type { SnapshotMessage } from '../../../harness/monitor/schema.js';
import { sdkClient, sdkFigures } from '../../engine/drift/sdkUser.js';

let demo: Demo;
const snapshots: SnapshotMessage[] = [];
const sdkHealth: { time: number; health: number }[] = [];

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  demo = await startDemo({ logger: createLogger('test', { level: 'silent' }), runId: 'test' });
  const sdk = await sdkClient(demo.world);
  const user = await sdk.userFor(demo.world.users.find((u) => u.spec.label === 'demo')!.user);
  demo.monitor.listen((s) => snapshots.push(s));
  for (let k = 0; k < DEMO_SOL_PATH.length; k++) {
    await demo.step();
    await sdk.loader.load();
    vi.setSystemTime(demo.world.now().unixTs * 1000);
    sdkHealth.push({ time: demo.world.now().unixTs * 1000, health: sdkFigures(user, []).health });
  }
});

afterAll(() => vi.useRealTimers());

/** The alert rule, stated independently of engine/alerts: thresholds, most severe only, 60 s per level. */
function expectedAlerts(points: { time: number; health: number }[], account: string): HealthAlert[] {
  const last: Record<string, number> = {};
  const out: HealthAlert[] = [];
  for (const { time, health } of points) {
    const level = health < 20 ? 'critical' : health < 50 ? 'warning' : null;
    if (level === null || (last[level] !== undefined && time - last[level]! < 60_000)) continue;
    last[level] = time;
    out.push({ type: 'HEALTH_ALERT', level, account, health, threshold: level === 'critical' ? 20 : 50, time });
  }
  return out;
}

describe('scripted price path through health 50 and 20', () => {
  it('publishes one snapshot per changed step, with the SDK\'s health', () => {
    // the path's first price equals the start price: nothing changes, no snapshot
    expect(snapshots.length).toBe(DEMO_SOL_PATH.length - 1);
    const byTime = new Map(sdkHealth.map((p) => [p.time, p.health]));
    for (const s of snapshots) expect(s.figures!.health).toBe(byTime.get(s.time));
    const healths = snapshots.map((s) => s.figures!.health);
    expect(Math.max(...healths)).toBeGreaterThanOrEqual(50);
    expect(Math.min(...healths)).toBeLessThan(20);
  });

  it('raises exactly the expected alerts, cooldown honoured', () => {
    const account = `drift:${demo.reader.addresses.user}`;
    const raised = snapshots.flatMap((s) => s.alerts);
    expect(raised).toEqual(expectedAlerts(sdkHealth, account));
    // spelled out: seconds after the world's start
    expect(raised.map((a) => [a.level, a.time / 1000 - WORLD_START_UNIX])).toEqual([
      ['warning', 5 * DEMO_STEP_SECONDS], ['warning', 9 * DEMO_STEP_SECONDS], ['critical', 10 * DEMO_STEP_SECONDS],
      ['critical', 14 * DEMO_STEP_SECONDS], ['warning', 15 * DEMO_STEP_SECONDS],
    ]);
    // the cooldown suppressed steps that were below a threshold
    const below = sdkHealth.filter((p) => p.health < 50).length;
    expect(below).toBeGreaterThan(raised.length);
    // each snapshot carries the history so far
    expect(snapshots.at(-1)!.alertHistory).toEqual(raised);
  });
});
