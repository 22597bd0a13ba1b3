/**
 * `dnh gate` and the enforcement in `dnh live`: the CLI writes the report atomically and exits 1 on
 * FAIL; `dnh live` on mainnet refuses a stale report, a tampered one, one for another configuration,
 * another commit, another lockfile, another WASM build, a failing one, each naming the failed check;
 * `--cluster devnet` rehearses without the gate and says so on stderr. The reports are built here
 * for the running code (harness/gate/identity.ts) at the wall clock, as `dnh gate` would write them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportHash } from '../../../engine/gate/canonical.js';
import { repoPath } from '../../../engine/paths.js';
import { loadLiveConfig } from '../../../harness/gate/config.js';
import { runningIdentity } from '../../../harness/gate/identity.js';
import { buildGateReport } from '../../../harness/gate/report.js';
import { cli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dnh-gate-cli-'));
afterAll(() => rmSync(dir, { recursive: true }));
const CONSERVATIVE = repoPath('fixtures', 'live', 'conservative.json');
const base = ['--rpc', 'http://127.0.0.1:1', '--keypair', join(dir, 'absent-key.json'), '--kill-switch', join(dir, 'KILL'), '--config', CONSERVATIVE];

/** A passing report for what runs now, with `edit` applied to its body and rehashed (unless `tamper`). */
function reportFile(name: string, edit: (b: Record<string, any>) => void = () => {}, opts: { config?: string; tamper?: (r: Record<string, any>) => void } = {}): string {
  const file = opts.config ?? CONSERVATIVE;
  const { config, hash } = loadLiveConfig(file);
  const r = buildGateReport({
    config, file, configHash: hash, running: runningIdentity(hash), programs: {}, nowMs: Date.now(), meta: { workers: 1, elapsedMs: 0 },
    run: { checks: [{ id: 'suite default: probLiquidation', figure: 0.03, threshold: '<= 0.3', verdict: 'pass' }], seeds: { default: 1 }, reduced: false },
  }) as unknown as Record<string, any>;
  edit(r);
  r.hash = reportHash(r);
  opts.tamper?.(r);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(r));
  return path;
}

const live = (report: string, ...extra: string[]) => cli('live', 'deposit', '250', ...base, '--gate-report', report, ...extra);

describe('dnh gate (CLI)', () => {
  it('writes the report and the HTML page, prints the summary, exits 1 on FAIL (reduced, no binaries)', async () => {
    const out = join(dir, 'g.json');
    const html = join(dir, 'g.html');
    const before = process.env.DRIFT_BANKRUN_DIR;
    process.env.DRIFT_BANKRUN_DIR = dir;
    const r = await cli('gate', '--config', CONSERVATIVE, '--out', out, '--html', html, '--max-paths-per-set', '3');
    if (before === undefined) delete process.env.DRIFT_BANKRUN_DIR;
    else process.env.DRIFT_BANKRUN_DIR = before;
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/NOT RUN +drift command flow/);
    expect(r.out).toMatch(/verdict FAIL/);
    expect(r.err).toMatch(/suite default: \d+\/\d+ paths/);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.reduced).toEqual({ maxPathsPerSet: 3 });
    expect(j.hash).toBe(reportHash(j));
    expect(j.config.sha256).toBe(loadLiveConfig(CONSERVATIVE).hash);
    expect(readFileSync(html, 'utf8')).toMatch(/Pre-live gate: <span[^>]*>FAIL/);
    expect((await cli('gate')).code).toBe(2);
    expect((await cli('gate', '--config', CONSERVATIVE, '--out', CONSERVATIVE)).code).toBe(2);
  }, 60_000);
});

describe('dnh live enforces the gate on mainnet', () => {
  const refused = async (report: string, check: RegExp, ...extra: string[]) => {
    const r = await live(report, ...extra);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/refused by pre-live-gate: .*configuration conservative/);
    expect(r.err).toMatch(check);
  };
  it('a passing report for exactly what runs: past the gate (or, on a dirty tree, refused for that alone)', async () => {
    const r = await live(reportFile('ok.json'));
    const me = runningIdentity('');
    if (me.clean && me.commit) {
      // past the gate: the RPC path reads the key file first (absent here), exit 2
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/keypair file .*absent-key.json: cannot be read/);
    } else {
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/\[code version\] the running working tree has uncommitted changes/);
      expect(r.err).not.toMatch(/\[(integrity|configuration|lockfile|wasm|age|verdict)\]/);
    }
  });
  it('refuses a stale, tampered, other-configuration, other-commit, other-lockfile, other-WASM or failing report, naming why', async () => {
    await refused(reportFile('stale.json', (b) => (b.generatedAt -= 169 * 3600e3)), /\[age\] the report is 169.0 h old, older than the configured 168.0 h/);
    await refused(reportFile('tampered.json', () => {}, { tamper: (r) => (r.checks[0].figure = 0.01) }), /\[integrity\]/);
    await refused(reportFile('other-config.json', () => {}, { config: repoPath('fixtures', 'live', 'unsafe.json') }), /\[configuration\] the report covers configuration [0-9a-f]{64}/);
    await refused(reportFile('other-commit.json', (b) => (b.code.commit = '0'.repeat(40))), /\[code version\] the report was made at commit 0{40}/);
    await refused(reportFile('other-lock.json', (b) => (b.lockfileSha256 = '1'.repeat(64))), /\[lockfile\]/);
    await refused(reportFile('other-wasm.json', (b) => (b.wasm['backtest.wasm'] = '2'.repeat(64))), /\[wasm\]/);
    await refused(reportFile('fail.json', (b) => (b.verdict = 'FAIL')), /\[verdict\] the report's verdict is FAIL/);
    await refused(join(dir, 'absent.json'), /no passing pre-live gate report/);
    await refused(reportFile('m.json'), /--market 1 is not the configuration's perp market 0/, '--market', '1');
  });
  it('--cluster devnet rehearses without the gate and says so loudly; there is no flag that skips it on mainnet', async () => {
    const r = await live(join(dir, 'absent.json'), '--cluster', 'devnet');
    expect(r.err).toMatch(/WARNING: .*--cluster devnet: REHEARSAL WITHOUT THE PRE-LIVE GATE/);
    expect(r.err).not.toMatch(/refused by/);
    expect(r.code).toBe(2); // past the gate: the key file (absent here) is read next
    expect(r.err).toMatch(/keypair file .*absent-key.json: cannot be read/);
    expect((await live(join(dir, 'absent.json'), '--cluster', 'mainnet')).code).toBe(3);
    expect((await live(join(dir, 'absent.json'), '--cluster', 'mainnet-beta')).code).toBe(2);
    expect(existsSync(join(dir, 'absent.json'))).toBe(false);
  });
});
