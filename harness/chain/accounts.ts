/**
 * Drift accounts for a local world, built with the SDK's own coder (`CustomBorshCoder` over the SDK's
 * IDL): each account is decoded from a zeroed buffer that starts with its discriminator, filled field by
 * field, encoded, and its size checked (with the discriminator: State 992, User 4376, UserStats 240,
 * PerpMarket 1216, SpotMarket 776, PrelaunchOracle 120 bytes). No byte offsets anywhere.
 *
 * Oracles are Drift `PrelaunchOracle` accounts (`OracleSource.PRELAUNCH`): a Drift account the same coder
 * builds, read by the SDK's own `PrelaunchOracleClient`, so the whole world needs no other program's
 * layout. The reader under test never looks at the source: it asks the SDK for the oracle data.
 *
 * @example
 *   const coder = await WorldCoder.create();
 *   const bytes = await coder.oracle({ price: 150_000_000n, slot: 10n, perpMarketIndex: 0 });
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Sdk = typeof import('@drift-labs/sdk');
// The SDK's decoded accounts are wide; they are filled structurally here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export type AccountName = 'State' | 'User' | 'UserStats' | 'PerpMarket' | 'SpotMarket' | 'PrelaunchOracle';

/** Expected encoded sizes (with the 8-byte discriminator), as in DRIFT-BANKRUN.md. */
export const ACCOUNT_SIZES: Record<AccountName, number> = {
  State: 992, User: 4376, UserStats: 240, PerpMarket: 1216, SpotMarket: 776, PrelaunchOracle: 120,
};

export class WorldCoder {
  private constructor(readonly sdk: Sdk, private readonly coder: Any, private readonly idl: Any) {}

  static async create(): Promise<WorldCoder> {
    const sdk = await import('@drift-labs/sdk');
    const require = createRequire(import.meta.url);
    const idlPath = require.resolve('@drift-labs/sdk').replace(/index\.js$/, 'idl/drift.json');
    const idl = JSON.parse(readFileSync(idlPath, 'utf8'));
    return new WorldCoder(sdk, new sdk.CustomBorshCoder(idl), idl);
  }

  bn(x: bigint | number): Any {
    return new this.sdk.BN(x.toString());
  }

  /** Decode a zeroed account of this type, let `fill` set fields, encode, check the size. */
  build(name: AccountName, fill: (o: Any) => void): Promise<Buffer> {
    const def = this.idl.accounts.find((a: Any) => a.name === name);
    const disc = this.sdk.CustomBorshAccountsCoder.accountDiscriminator(name);
    // `size` counts the discriminator.
    return this.rebuild(name, Buffer.concat([disc, Buffer.alloc(this.coder.accounts.size(def) - disc.length)]), fill);
  }

  /** Decode existing account bytes, let `fill` change fields, encode, check the size. */
  async rebuild(name: AccountName, zero: Buffer, fill: (o: Any) => void): Promise<Buffer> {
    const obj = this.coder.accounts.decode(name, zero);
    fill(obj);
    const encoded: Buffer = await this.coder.accounts.encode(name, obj);
    // The IDL's fields can sum to less than the Rust struct (trailing alignment padding, e.g. SpotMarket
    // 766 + 8 of 776 bytes): the account keeps the full size, the padding zero.
    const bytes = encoded.length < zero.length ? Buffer.concat([encoded, Buffer.alloc(zero.length - encoded.length)]) : encoded;
    if (bytes.length !== ACCOUNT_SIZES[name]) throw new Error(`world: ${name} encoded to ${bytes.length} bytes, expected ${ACCOUNT_SIZES[name]}`);
    return bytes;
  }

  /** Decode with the same coder (for the world's own bookkeeping, e.g. rewriting an oracle). */
  decode(name: AccountName, bytes: Buffer): Any {
    return this.coder.accounts.decode(name, bytes);
  }

  oracle(o: { price: bigint; slot: bigint; perpMarketIndex: number }): Promise<Buffer> {
    return this.build('PrelaunchOracle', (a) => {
      a.price = this.bn(o.price);
      a.maxPrice = this.bn(o.price * 10n);
      a.confidence = this.bn(o.price / 10_000n);
      a.lastUpdateSlot = this.bn(o.slot);
      a.ammLastUpdateSlot = this.bn(o.slot);
      a.perpMarketIndex = o.perpMarketIndex;
    });
  }
}
