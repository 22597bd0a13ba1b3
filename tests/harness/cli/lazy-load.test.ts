/**
 * Lazy loading survives commander: a cold `dnh backtest` loads neither commander (the fast path of
 * harness/cli/main.ts) nor any module of the Drift SDK, web3.js, the Arrow reader, ajv or pino (they
 * belong to other commands); help and a refused flag load commander, still none of the others. Checked in a fresh process from the build, through require.cache (CommonJS packages
 * imported from ESM are registered there).
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../../engine/paths.js';

const HEAVY = ['@drift-labs', '@solana/web3.js', 'apache-arrow', 'ajv', 'pino', 'solana-bankrun'];

function loadedPackages(args: string[]): string[] {
  const main = pathToFileURL(repoPath('dist', 'harness', 'cli', 'main.js')).href;
  const code = `process.on('exit',()=>{require('fs').writeSync(2,'\\nLOADED '+JSON.stringify(Object.keys(require.cache))+'\\n')});process.argv=[process.argv[0],${JSON.stringify(repoPath('dist', 'harness', 'cli', 'main.js'))},...${JSON.stringify(args)}];import(${JSON.stringify(main)})`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', cwd: repoPath() });
  expect(r.status === 0 || r.status === 2, r.stderr).toBe(true);
  return JSON.parse(/LOADED (.*)\n/.exec(r.stderr)![1]!) as string[];
}

describe('cold start loads only what the command needs', () => {
  for (const [args, commander] of [[['backtest', '--json'], false], [['backtest', '--levrage', '3'], true], [['--help'], true], [['backtest', '--help'], true]] as [string[], boolean][]) {
    it(`dnh ${args.join(' ')}: commander ${commander ? 'yes' : 'no (fast path)'}, ${HEAVY.join(', ')} no`, () => {
      const loaded = loadedPackages(args);
      expect(loaded.some((p) => p.includes('/node_modules/commander/'))).toBe(commander);
      for (const h of HEAVY) expect(loaded.filter((p) => p.includes(`/node_modules/${h}`)), h).toEqual([]);
    });
  }
  it('while dnh backtest --config loads ajv for the live schema (the check above could see it)', () => {
    expect(loadedPackages(['backtest', '--json', '--config', repoPath('fixtures', 'live', 'conservative.json')]).some((p) => p.includes('/node_modules/ajv/'))).toBe(true);
  });
});
