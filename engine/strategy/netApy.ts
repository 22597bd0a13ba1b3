/**
 * Net APY of the delta-neutral position over a lookback, after fees (the study's conditional
 * deployment; Hummingbot funding-arb's profitability check). Per unit of capital C split into two legs of
 * equity C/2 each levered L (notional N = L C/2 per leg):
 *
 *   funding    L/2 x fundingApr              (the short receives positive funding)
 *   carry      L/2 x lendApy - (L-1)/2 x borrowApy
 *   costs      L/2 x (2 perpFee + 2 slippage + longOpenFee + longCloseFee) x 365 / horizonDays
 *
 * with `fundingApr` the mean hourly funding rate over the lookback x 24 x 365. Floats: this is model
 * arithmetic, not venue money.
 */

export interface NetApyInputs {
  /** hourly funding rates (fractions of notional) inside the lookback, oldest first */
  hourlyFunding: readonly number[];
  lendApy: number;
  borrowApy: number;
  leverage: number;
  perpFeeBps: number;
  slippageBps: number;
  longOpenFeeBps: number;
  longCloseFeeBps: number;
  /** the holding period over which one round trip of costs is amortised */
  horizonDays: number;
}

export interface NetApy {
  fundingApr: number;
  funding: number;
  carry: number;
  costs: number;
  net: number;
}

export function netApy(x: NetApyInputs): NetApy {
  const n = x.hourlyFunding.length;
  const fundingApr = n === 0 ? 0 : (x.hourlyFunding.reduce((a, b) => a + b, 0) / n) * 24 * 365;
  const half = x.leverage / 2;
  const funding = half * fundingApr;
  const carry = half * x.lendApy - ((x.leverage - 1) / 2) * x.borrowApy;
  const roundTripBps = 2 * x.perpFeeBps + 2 * x.slippageBps + x.longOpenFeeBps + x.longCloseFeeBps;
  const costs = ((half * roundTripBps) / 1e4) * (365 / x.horizonDays);
  return { fundingApr, funding, carry, costs, net: funding + carry - costs };
}
