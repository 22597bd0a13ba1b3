/**
 * The few Python format specs the feasibility study prints with (`{x:>8,.0f}`, `{x:>+8.1f}`,
 * `{n:>6}`), so `dnh study` lines up with its printed tables character for character.
 * (Rounding is JavaScript's `toFixed`; it differs from Python's only on exact binary ties.)
 */

/** `{x:>{width}{sign}{comma}.{digits}f}`; like Python (and `toFixed`), a negative that rounds to 0 keeps its "-". */
export function pyFixed(x: number, width: number, digits: number, opts: { sign?: boolean; comma?: boolean } = {}): string {
  const raw = x.toFixed(digits);
  const neg = raw.startsWith('-');
  let body = neg ? raw.slice(1) : raw;
  if (opts.comma) {
    const [i, f] = body.split('.');
    body = i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? '.' + f : '');
  }
  return ((neg ? '-' : opts.sign ? '+' : '') + body).padStart(width);
}

/** `{v:>{width}}` for integers and strings. */
export function pyRight(v: number | string, width: number): string {
  return String(v).padStart(width);
}
