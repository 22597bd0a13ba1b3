// Shared helpers of the health kernel: column access into the host's struct-of-arrays layout (drawn in
// index.ts), integer min/max/abs and the fixed-point precisions.

export const E9: i64 = 1_000_000_000;
export const E6: i64 = 1_000_000;
export const E4: i64 = 10_000;


@inline export function ld(base: usize, cap: i32, field: i32, i: i32): i64 {
  return load<i64>(base + ((<usize>field * <usize>cap + <usize>i) << 3));
}

@inline export function st(base: usize, cap: i32, field: i32, i: i32, v: i64): void {
  store<i64>(base + ((<usize>field * <usize>cap + <usize>i) << 3), v);
}

@inline export function iabs(x: i64): i64 {
  return x < 0 ? -x : x;
}

@inline export function imax(a: i64, b: i64): i64 {
  return a > b ? a : b;
}

@inline export function imin(a: i64, b: i64): i64 {
  return a < b ? a : b;
}
