// Exact truncating integer arithmetic on i64 for the live kernel (live.ts): products that may exceed 2^63
// divided exactly, with a per-account flag when a quotient does not fit (the host then recomputes that
// account with the BigInt reference). Same technique as index.ts: an f64 estimate of the quotient, then the
// remainder x*y - q*d in wrapping i64 arithmetic, exact because the true remainder is within a few d of 0.

let flag = false;

/** Clear the overflow flag (at the start of each account). */
export function clearFlag(): void {
  flag = false;
}

/** True when a quotient of the current account did not fit i64 or its estimate was too far off. */
export function flagged(): bool {
  return flag;
}

/** Raise the flag (the host recomputes the account). */
export function raise(): void {
  flag = true;
}

const LIMIT: f64 = 4.0e18;
/** 2^114: below it the f64 estimate's error times d keeps the true remainder inside i64. */
const PRODUCT_LIMIT: f64 = 2.0769187434139311e34;

/** The remainder (0 <= r < d) of the last umulDiv. */
let lastRemainder: i64 = 0;

/**
 * trunc(x*y / d) for x, y >= 0, 0 < d < 2^60: the f64 estimate q of the quotient is off by at most
 * x*y*2^-52/d + 1, so the true remainder x*y - q*d lies within 2^62 + 2d of zero and the wrapping i64
 * remainder equals it; one division of that remainder by d then corrects q exactly (no step loop, whatever the
 * quotient's size). Raises the flag when the quotient would not fit (>= 4e18) or the product passes 2^114.
 */
export function umulDiv(x: i64, y: i64, d: i64): i64 {
  const prod = <f64>x * <f64>y;
  const est = prod / <f64>d;
  if (!(est < LIMIT) || !(prod < PRODUCT_LIMIT)) {
    flag = true;
    lastRemainder = 0;
    return 0;
  }
  let q = <i64>est;
  let r = x * y - q * d;
  if (r >= 0 && r < d) {
    // the estimate is already the quotient (the usual case): no i64 division (k below would be 0)
    lastRemainder = r;
    return q;
  }
  const k = r / d;
  q += k;
  r -= k * d;
  if (r < 0) {
    q--;
    r += d;
  }
  lastRemainder = r;
  return q;
}

/** trunc(a*b / d) for d > 0, truncating toward zero like BN.div. */
export function mulDiv(a: i64, b: i64, d: i64): i64 {
  const q = umulDiv(a < 0 ? -a : a, b < 0 ? -b : b, d);
  return (a < 0) != (b < 0) ? -q : q;
}

/**
 * mulDiv for a constant divisor d >= 1 (the call sites pass E4, E6, E9, 1e12). When the f64 product is below
 * 4e18 the true product is below 2^63, so the i64 product is exact and i64.div_s truncates toward zero like
 * BN.div; mulDiv would give the same quotient and raise no flag (its estimate is <= the product < 4e18). Inlined,
 * the engine turns the constant division into a multiply (no f64 division).
 */
@inline export function mulDivK(a: i64, b: i64, d: i64): i64 {
  const p = <f64>a * <f64>b;
  if (Math.abs(p) < 4.0e18) return (a * b) / d;
  return mulDiv(a, b, d);
}

/** umulDiv for a constant divisor (x, y >= 0): as mulDivK. */
@inline export function umulDivK(x: i64, y: i64, d: i64): i64 {
  const p = <f64>x * <f64>y;
  if (p < 4.0e18) return (x * y) / d;
  return umulDiv(x, y, d);
}

/** ceil(x*y / d) for x, y >= 0, d > 0 (divCeil). */
export function umulDivCeil(x: i64, y: i64, d: i64): i64 {
  const q = umulDiv(x, y, d);
  return lastRemainder > 0 ? q + 1 : q;
}

/** trunc(a / d) for d != 0 (i64.div_s truncates toward zero). */
@inline export function tdiv(a: i64, d: i64): i64 {
  return a / d;
}

/** Floor square root (squareRootBN) for 0 <= n < 2^62. */
export function isqrt(n: i64): i64 {
  if (n < 2) return n;
  let x = <i64>Math.sqrt(<f64>n);
  while (x * x > n) x--;
  while ((x + 1) * (x + 1) <= n) x++;
  return x;
}

/** Checked addition: raises the flag on i64 overflow. */
@inline export function add(a: i64, b: i64): i64 {
  const s = a + b;
  if (((a ^ s) & (b ^ s)) < 0) flag = true;
  return s;
}

/**
 * floor(sqrt(10*s + 1)) for 0 <= s < 4.6e18 (where 10*s + 1 itself exceeds i64): an f64 estimate, corrected
 * by the differences r*r - (10*s + 1) computed in wrapping i64 arithmetic (exact: they stay near zero).
 */
export function isqrt10(s: i64): i64 {
  if (s == 0) return 1;
  const n1 = s * 10 + 1; // wraps when s > 9.2e17; only differences with it are used
  let r = <i64>Math.sqrt(<f64>s * 10.0);
  while (r * r - n1 > 0) r--;
  while ((r + 1) * (r + 1) - n1 <= 0) r++;
  return r;
}
