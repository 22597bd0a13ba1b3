/** Types for `lz4js` (the package ships none): only what the feather loader uses. */
declare module 'lz4js' {
  export function decompress(bytes: Uint8Array): ArrayLike<number>;
  const lz4: { decompress: typeof decompress };
  export default lz4;
}
