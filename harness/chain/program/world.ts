/**
 * The local Drift world with the REAL Drift program (v2.84) in an in-process bank (DRIFT-BANKRUN.md
 * recipe): pinned clock on the hour (+1 s and +1 slot per transaction, from the SDK's bankrun
 * connection), seeded keys (admin included), USDC mint, state, USDC spot market 0, SOL-PERP market 0 on
 * the mock Pyth oracle, price moves through the oracle and `moveAmmToPrice`, hourly funding updates, and
 * users (one of them a counterparty so profits can settle) created through the SDK's clients.
 *
 * Example: `const w = await startDriftWorld(programBinaries()!, { seed: 'flow' }); const u = await w.createUser('alice', 1000_000000n);`
 */
import { createHash } from 'node:crypto';
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from '@solana/web3.js';
import type { ProgramTestContext } from 'solana-bankrun';
import type { TestClient } from '@drift-labs/sdk';
import type { ProgramBinaries } from './binaries.js';
import { advanceBank, DRIFT_PROGRAM_ID, PinnedClock, startBank, warpBank, WORLD_START_UNIX } from './bank.js';
import { seededKeypair } from './keys.js';
import { PYTH_MOCK_PROGRAM_ID, PYTH_PRICE_ACCOUNT_SIZE, pythInitializeIx, pythSetPriceInfoIx } from './pythMock.js';
import { createMint, fundTokenAccount, newTransaction, tokenBalance } from './tokens.js';

type Sdk = typeof import('@drift-labs/sdk');
type BankrunMod = typeof import('@drift-labs/sdk/lib/node/bankrun/bankrunConnection.js');

/** The SDK's TestClient on the world's connection, signing with `keypair`: USDC spot 0, SOL-PERP 0, polling. */
async function worldClient(sdk: Sdk, connection: { toConnection(): import('@solana/web3.js').Connection }, keypair: Keypair, solOracle: PublicKey): Promise<TestClient> {
  const loaderMod = await import('@drift-labs/sdk/lib/node/accounts/testBulkAccountLoader.js');
  return new sdk.TestClient({
    connection: connection.toConnection(),
    wallet: new sdk.Wallet(keypair),
    programID: DRIFT_PROGRAM_ID,
    opts: { commitment: 'confirmed' },
    activeSubAccountId: 0,
    subAccountIds: [],
    perpMarketIndexes: [0],
    spotMarketIndexes: [0],
    oracleInfos: [{ publicKey: solOracle, source: sdk.OracleSource.PYTH }],
    accountSubscription: { type: 'polling', accountLoader: new loaderMod.TestBulkAccountLoader(connection.toConnection(), 'processed', 1) },
  });
}

export interface WorldOptions {
  /** Seed of every keypair; two worlds with the same seed and the same steps hold identical bytes. */
  seed?: string;
  /** Initial SOL price in USD, 1e6 precision (default $150). */
  solPrice6?: bigint;
}

export interface WorldUser {
  label: string;
  keypair: Keypair;
  client: TestClient;
  usdcAccount: PublicKey;
  userAccount: PublicKey;
  userStats: PublicKey;
}

/** True when the SDK getter returns an account (it throws or returns undefined before the first load). */
function loaded(get: () => unknown): boolean {
  try {
    return get() !== undefined;
  } catch {
    return false;
  }
}

/** Lamports given to the seeded admin at genesis (it pays for every setup step and funds the users). */
const ADMIN_LAMPORTS = 1_000_000 * 1_000_000_000;
const USER_LAMPORTS = 100 * 1_000_000_000;

export class DriftWorld {
  readonly users = new Map<string, WorldUser>();
  private solPrice6: bigint;

  private constructor(
    readonly sdk: Sdk,
    readonly seed: string,
    readonly context: ProgramTestContext,
    readonly clock: PinnedClock,
    readonly connection: InstanceType<BankrunMod['BankrunConnection']>,
    readonly bankrun: BankrunMod,
    readonly adminKeypair: Keypair,
    readonly admin: TestClient,
    readonly usdcMint: Keypair,
    readonly solOracle: Keypair,
    solPrice6: bigint,
  ) {
    this.solPrice6 = solPrice6;
  }

  /** Starts the bank and sets up state, USDC spot market 0 and SOL-PERP 0 at `solPrice6`. */
  static async start(bins: ProgramBinaries, opts: WorldOptions = {}): Promise<DriftWorld> {
    const seed = opts.seed ?? 'dnh-drift-world';
    const solPrice6 = opts.solPrice6 ?? 150_000_000n;
    const sdk = await import('@drift-labs/sdk');
    const bankrun = (await import('@drift-labs/sdk/lib/node/bankrun/bankrunConnection.js')) as BankrunMod;
    const adminKeypair = seededKeypair(seed, 'admin');
    const context = await startBank(bins, [{ address: adminKeypair.publicKey, lamports: ADMIN_LAMPORTS, owner: SystemProgram.programId, data: Buffer.alloc(0) }]);
    const clock = new PinnedClock(WORLD_START_UNIX);
    // The SDK's connection moves +1 slot and +1 s after every transaction, but reads the time back from
    // the bank, which a warp resets to wall-clock time: keep the pinned time instead.
    class PinnedConnection extends bankrun.BankrunConnection {
      override async updateSlotAndClock(): Promise<void> {
        await advanceBank(context, clock, 1n, 1n);
      }
      override getTime(): number {
        return Number(clock.unix);
      }
    }
    const connection = new PinnedConnection(context.banksClient, context);
    const usdcMint = seededKeypair(seed, 'usdc-mint');
    const solOracle = seededKeypair(seed, 'sol-oracle');
    const admin = await worldClient(sdk, connection, adminKeypair, solOracle.publicKey);
    const world = new DriftWorld(sdk, seed, context, clock, connection, bankrun, adminKeypair, admin, usdcMint, solOracle, solPrice6);
    await world.setup();
    return world;
  }

  /** Signs with `signers` (the first pays the fee) and sends through the SDK's bankrun connection. */
  async send(ixs: TransactionInstruction[], signers: Keypair[]): Promise<string> {
    const [blockhash] = (await this.context.banksClient.getLatestBlockhash())!;
    const tx = newTransaction(ixs, signers[0]!.publicKey, blockhash);
    tx.sign(...signers);
    return this.connection.sendTransaction(tx);
  }

  private async setup(): Promise<void> {
    const { sdk, admin, adminKeypair } = this;
    const send = this.send.bind(this);
    await createMint(this.context, send, adminKeypair, this.usdcMint, adminKeypair.publicKey, 6);
    const rent = await this.context.banksClient.getRent();
    await send(
      [
        SystemProgram.createAccount({
          fromPubkey: adminKeypair.publicKey,
          newAccountPubkey: this.solOracle.publicKey,
          space: PYTH_PRICE_ACCOUNT_SIZE,
          lamports: Number(rent.minimumBalance(BigInt(PYTH_PRICE_ACCOUNT_SIZE))),
          programId: PYTH_MOCK_PROGRAM_ID,
        }),
        pythInitializeIx(this.solOracle.publicKey, this.solPrice6, -6, 0n),
      ],
      [adminKeypair, this.solOracle],
    );
    await this.publishOracle(this.solPrice6);
    await admin.initialize(this.usdcMint.publicKey, true);
    await admin.subscribe();
    await this.fetchAll(admin);
    const { BN } = sdk;
    const rate = sdk.SPOT_MARKET_RATE_PRECISION.toNumber();
    const weight = sdk.SPOT_MARKET_WEIGHT_PRECISION.toNumber();
    await admin.initializeSpotMarket(this.usdcMint.publicKey, rate / 2, rate, rate, PublicKey.default, sdk.OracleSource.QUOTE_ASSET, weight, weight, weight, weight, 0);
    await admin.updateWithdrawGuardThreshold(0, new BN(10).pow(new BN(10)).mul(sdk.QUOTE_PRECISION));
    await admin.updateSpotMarketStatus(0, sdk.MarketStatus.ACTIVE);
    // Reserves of Drift's own tests (5e13 x sqrt(1e6)); peg = price, so the AMM starts at the oracle.
    const reserves = new BN(5).mul(new BN(10).pow(new BN(13))).mul(new BN(1000));
    await admin.initializePerpMarket(
      0, this.solOracle.publicKey, reserves, reserves, new BN(3600), new BN(this.solPrice6.toString()),
      sdk.OracleSource.PYTH, sdk.ContractTier.B, 1000, 500, undefined, undefined, undefined, true, 0,
      50_000, // max spread below 100 x the initial margin ratio (the SDK default 142500 fails with 6073)
    );
    await admin.updatePerpAuctionDuration(new BN(0));
    await this.fetchAll(admin);
  }

  /**
   * `TestBulkAccountLoader.loadChunk` loads one new account per fetch (SDK bug, DRIFT-BANKRUN.md), so
   * fetch until the markets are in, then rebuild the oracle maps.
   */
  async fetchAll(client: TestClient): Promise<void> {
    for (let i = 0; i < 16; i++) {
      await client.fetchAccounts();
      const perp = this.perpCount() === 0 || loaded(() => client.getPerpMarketAccount(0));
      const spot = this.spotCount() === 0 || loaded(() => client.getSpotMarketAccount(0));
      if (perp && spot && i >= 3) break;
    }
    const sub = client.accountSubscriber as unknown as { setPerpOracleMap?: () => Promise<void>; setSpotOracleMap?: () => Promise<void> };
    if (this.perpCount() > 0) await sub.setPerpOracleMap?.();
    if (this.spotCount() > 0) await sub.setSpotOracleMap?.();
  }

  private perpCount(): number {
    try {
      return this.admin.getStateAccount().numberOfMarkets;
    } catch {
      return 0;
    }
  }

  private spotCount(): number {
    try {
      return this.admin.getStateAccount().numberOfSpotMarkets;
    } catch {
      return 0;
    }
  }

  /** Current SOL oracle price (USD 1e6). */
  get oraclePrice6(): bigint {
    return this.solPrice6;
  }

  /** Re-publishes the oracle at `price6` with the current slot as publish slot (keeps it fresh). */
  async publishOracle(price6: bigint): Promise<void> {
    const slot = await this.context.banksClient.getSlot();
    await this.send([pythSetPriceInfoIx(this.solOracle.publicKey, price6, 0n, slot)], [this.adminKeypair]);
    this.solPrice6 = price6;
  }

  /** Oracle to `price6` and the AMM moved to the same price (else fills stay near the old peg). */
  async movePrice(price6: bigint): Promise<void> {
    await this.publishOracle(price6);
    await this.admin.moveAmmToPrice(0, new this.sdk.BN(price6.toString()));
    await this.fetchAll(this.admin);
  }

  /** Logical time forward by `seconds` (the oracle is NOT re-published: it goes stale by slots). */
  async warp(seconds: number): Promise<void> {
    await warpBank(this.context, this.clock, seconds);
  }

  /** One hourly funding update: re-publish the oracle (a stale one fails 6251-style checks), then update. */
  async updateFunding(): Promise<string> {
    await this.publishOracle(this.solPrice6);
    const sig = await this.admin.updateFundingRate(0, this.solOracle.publicKey);
    await this.fetchAll(this.admin);
    return sig;
  }

  /** A new user: lamports from the admin, a USDC account with `usdc6` minted, a Drift user (sub-account 0). */
  async createUser(label: string, usdc6: bigint, deposit6 = 0n): Promise<WorldUser> {
    if (this.users.has(label)) throw new Error(`world user ${label} already exists`);
    const sdk = this.sdk;
    const keypair = seededKeypair(this.seed, `user:${label}`);
    await this.send([SystemProgram.transfer({ fromPubkey: this.adminKeypair.publicKey, toPubkey: keypair.publicKey, lamports: USER_LAMPORTS })], [this.adminKeypair]);
    const usdcAccount = await fundTokenAccount(this.send.bind(this), this.adminKeypair, this.usdcMint.publicKey, this.adminKeypair, keypair.publicKey, usdc6);
    const client = await worldClient(sdk, this.connection, keypair, this.solOracle.publicKey);
    await client.subscribe();
    await this.fetchAll(client);
    await client.initializeUserAccount(0);
    await client.fetchAccounts();
    const userAccount = await client.getUserAccountPublicKey(0);
    const userStats = sdk.getUserStatsAccountPublicKey(DRIFT_PROGRAM_ID, keypair.publicKey);
    const user: WorldUser = { label, keypair, client, usdcAccount, userAccount, userStats };
    this.users.set(label, user);
    if (deposit6 > 0n) {
      await client.deposit(new sdk.BN(deposit6.toString()), 0, usdcAccount);
      await this.refresh(user);
    }
    return user;
  }

  /** Re-reads a user's client state until its user account is loaded. */
  async refresh(user: WorldUser): Promise<void> {
    await this.fetchAll(user.client);
    for (let i = 0; i < 8; i++) {
      await user.client.getUser(0).fetchAccounts();
      await user.client.fetchAccounts();
      if (user.client.getUser(0).getUserAccount()) break;
    }
  }

  async usdcBalance(user: WorldUser): Promise<bigint> {
    return (await tokenBalance(this.context, user.usdcAccount)) ?? 0n;
  }

  /** Every key this world touches (state, markets, oracle, mint, admin, and per user: user, stats, token account). */
  async touchedAccounts(): Promise<PublicKey[]> {
    const sdk = this.sdk;
    const keys = [
      await sdk.getDriftStateAccountPublicKey(DRIFT_PROGRAM_ID),
      await sdk.getPerpMarketPublicKey(DRIFT_PROGRAM_ID, 0),
      await sdk.getSpotMarketPublicKey(DRIFT_PROGRAM_ID, 0),
      await sdk.getSpotMarketVaultPublicKey(DRIFT_PROGRAM_ID, 0),
      this.solOracle.publicKey,
      this.usdcMint.publicKey,
      this.adminKeypair.publicKey,
    ];
    for (const label of [...this.users.keys()].sort()) {
      const u = this.users.get(label)!;
      keys.push(u.keypair.publicKey, u.userAccount, u.userStats, u.usdcAccount);
    }
    return keys;
  }

  /** sha256 over (address, owner, lamports, data) of every touched account, in a fixed order. */
  async accountsHash(): Promise<string> {
    const h = createHash('sha256');
    for (const key of await this.touchedAccounts()) {
      const info = await this.context.banksClient.getAccount(key);
      h.update(key.toBuffer());
      if (info === null) {
        h.update('absent');
        continue;
      }
      const lamports = Buffer.alloc(8);
      lamports.writeBigUInt64LE(BigInt(info.lamports));
      h.update(info.owner.toBuffer()).update(lamports).update(Buffer.from(info.data));
    }
    return h.digest('hex');
  }

  /** Unix time of the bank's clock (the pinned logical time). */
  async unixTime(): Promise<bigint> {
    return (await this.context.banksClient.getClock()).unixTimestamp;
  }

  async stop(): Promise<void> {
    for (const u of this.users.values()) await u.client.unsubscribe();
    await this.admin.unsubscribe();
  }
}

export { WORLD_START_UNIX };
