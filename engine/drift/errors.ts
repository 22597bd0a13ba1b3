/**
 * Typed errors of the Drift read side, split by what the caller can do (STYLE.md 11): the RPC gave up
 * after the bounded retries (retry later, or check the URL), or the account does not exist (fix the
 * authority or sub-account). Each carries the fields a caller needs.
 */

/** Every attempt at an RPC call failed: the bound of retries was hit. */
export class RpcUnavailableError extends Error {
  override readonly name = 'RpcUnavailableError';
  constructor(
    /** what was being read, e.g. "user account 9xQ..." */
    readonly what: string,
    /** attempts made (1 + retries) */
    readonly attempts: number,
    /** the delays slept between attempts, ms */
    readonly delaysMs: readonly number[],
    /** the last attempt's error */
    readonly lastError: unknown,
  ) {
    super(`RPC unavailable: reading ${what} failed ${attempts} times (waited ${delaysMs.map((d) => `${d / 1000} s`).join(', ')}); last error: ${(lastError as Error)?.message ?? String(lastError)}`);
  }
}

/** The Drift user account derived from authority and sub-account does not exist. */
export class DriftUserNotFoundError extends Error {
  override readonly name = 'DriftUserNotFoundError';
  constructor(readonly authority: string, readonly subAccountId: number, readonly address: string) {
    super(`no Drift user account for authority ${authority}, sub-account ${subAccountId}: derived address ${address} does not exist (check the authority and --subaccount)`);
  }
}
