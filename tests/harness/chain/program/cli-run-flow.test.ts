/**
 * `dnh chain run-flow`: exit 1 with the NOT RUN reason when the binaries are absent; with them, one JSON
 * object with every step, the refused early settlement and the final figures of the flow test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { programBinaries } from '../../../../harness/chain/program/binaries.js';
import { cli } from '../../../helpers/cli.js';

const bins = programBinaries();
const dir = mkdtempSync(join(tmpdir(), 'dnh-cli-flow-'));
afterAll(() => rmSync(dir, { recursive: true }));

describe('dnh chain run-flow', () => {
  it('without the binaries: exit 1, naming the directory and the files', async () => {
    const saved = process.env.DRIFT_BANKRUN_DIR;
    process.env.DRIFT_BANKRUN_DIR = join(dir, 'empty');
    try {
      const r = await cli('chain', 'run-flow');
      expect(r.code).toBe(1);
      expect(r.err).toContain(join(dir, 'empty'));
      expect(r.err).toMatch(/drift\.so sha256 080423d7.*pyth\.so sha256 a6639559/);
    } finally {
      if (saved === undefined) delete process.env.DRIFT_BANKRUN_DIR;
      else process.env.DRIFT_BANKRUN_DIR = saved;
    }
  });

  it('bad subcommand or flag: exit 2', async () => {
    expect((await cli('chain', 'fly')).code).toBe(2);
    expect((await cli('chain', 'run-flow', '--nope')).code).toBe(2);
  });

  it.runIf(bins !== null)('--json: every step and the final figures', async () => {
    const r = await cli('chain', 'run-flow', '--json', '--journal-dir', join(dir, 'j'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { steps: { key: string; actor: string; error: { driftError: string } | null }[]; final: Record<string, string> };
    expect(j.steps).toHaveLength(14); // 12 commands and the 2 admin steps (price move, funding)
    expect(j.steps.filter((s) => s.error).map((s) => [s.actor, s.key, s.error!.driftError])).toEqual([['alice', 'settle-early', 'PnlPoolCantSettleUser']]);
    expect(j.final).toEqual({ aliceWallet: '2000000000', aliceUsdcScaled: '97111093998', bobWallet: '1000000000', bobUsdcScaled: '897088902000', unixTime: '1704070833' });
  });
});
