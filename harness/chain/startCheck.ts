/**
 * Proof that the local world starts without flakes: solana-bankrun 0.3.1's `start()` races process start
 * (SIGSEGV in a tokio worker, or a hang) unless a full GC runs right before it (DRIFT-BANKRUN.md). This
 * runs PROCESSES fresh Node processes one after the other, each starting the world STARTS times at once
 * after loading (the racy moment) and reading every genesis account back byte for byte; a crash, a hang
 * (timeout) or a wrong byte counts as a failure. Prints one line per process and a summary; exit 1 on
 * any failure.
 *
 *   npm run build && node dist/harness/chain/startCheck.js [processes=20] [starts=5]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

async function child(starts: number): Promise<void> {
  const { WorldCoder } = await import('./accounts.js');
  const { buildWorldAccounts } = await import('./build.js');
  const { startWorld, WORLD_START_SLOT, WORLD_START_UNIX } = await import('./world.js');
  const coder = await WorldCoder.create();
  const built = await buildWorldAccounts(coder, { slot: WORLD_START_SLOT, unixTs: WORLD_START_UNIX });
  const times: number[] = [];
  for (let k = 0; k < starts; k++) {
    const t0 = performance.now();
    const world = await startWorld({ prebuilt: { coder, built } });
    times.push(performance.now() - t0);
    const infos = await world.connection.getMultipleAccountsInfo(built.accounts.map((a) => a.address));
    infos.forEach((info, i) => {
      if (info === null || !info.data.equals(built.accounts[i]!.data)) throw new Error(`start ${k}: ${built.accounts[i]!.label} differs`);
    });
  }
  process.stdout.write(JSON.stringify({ starts, msPerStart: times.reduce((a, b) => a + b, 0) / starts }) + '\n');
}

function parent(processes: number, starts: number): number {
  const self = fileURLToPath(import.meta.url);
  let failures = 0;
  let total = 0;
  for (let p = 0; p < processes; p++) {
    const r = spawnSync(process.execPath, [self, '--child', String(starts)], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, RUST_LOG: 'error' } });
    const ok = r.status === 0 && r.signal === null;
    if (!ok) failures++;
    else total += starts;
    const line = ok ? r.stdout.trim() : `FAILED status=${r.status} signal=${r.signal} ${r.error ? `error=${r.error.message}` : ''} ${r.stderr.slice(-300)}`;
    console.log(`process ${p + 1}/${processes}: ${line}`);
  }
  console.log(`world starts: ${total} good starts in ${processes - failures} of ${processes} fresh processes, ${failures} failed processes`);
  return failures === 0 ? 0 : 1;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(Number(args[1] ?? 5)).then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(String((e as Error)?.stack ?? e) + '\n');
      process.exit(1);
    },
  );
} else {
  process.exitCode = parent(Number(args[0] ?? 20), Number(args[1] ?? 5));
}
