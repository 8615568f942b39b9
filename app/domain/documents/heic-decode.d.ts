// heic-decode 2.1 ships no types (and @types/heic-decode 2.0 lacks the sizes and dispose that
// `all` gives): what Lotse uses of it.
declare module "heic-decode" {
  type DecodedImage = { width: number; height: number; data: Uint8ClampedArray };
  /** A top-level image, its size known before its pixels are decoded. */
  type HeifImage = { width: number; height: number; decode(): Promise<DecodedImage> };
  function decode(input: { buffer: Uint8Array }): Promise<DecodedImage>;
  namespace decode {
    function all(input: { buffer: Uint8Array }): Promise<HeifImage[] & { dispose(): void }>;
  }
  export default decode;
}
