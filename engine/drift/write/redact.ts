/**
 * Strips what may be secret from an error message before it goes into an alert or a log line: the path
 * and query of every URL (RPC providers put API keys there: `?api-key=…`, `/token/`) and its user info,
 * byte arrays of 32 or more numbers (a solana-keygen file's content), and long base58, hex or base64
 * runs (64 or more characters: a secret key's encodings; a public key, 32-44 characters, stays).
 *
 * @example redactSecrets('fetch https://rpc.example/?api-key=abc failed') // 'fetch https://rpc.example/… failed'
 */
export function redactSecrets(message: string): string {
  return message
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/@]*@)?([^\s/?#]+)[^\s"'<>)]*/gi, (_m, scheme: string, host: string) => `${scheme}${host}/…`)
    .replace(/\[\s*\d{1,3}(?:\s*,\s*\d{1,3}){31,}\s*\]?/g, '[redacted bytes]')
    .replace(/[A-Za-z0-9+/=_-]{64,}/g, '[redacted]');
}
