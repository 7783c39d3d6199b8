/** Series are stored as little-endian float64 bytes (NaN = missing): exact and compact. */
export function seriesToBlob(y: Float64Array): Buffer {
  return Buffer.from(y.buffer, y.byteOffset, y.byteLength);
}

export function blobToSeries(blob: Buffer): Float64Array {
  // Copy: the Buffer may share a pooled ArrayBuffer with an unaligned offset.
  const out = new Float64Array(blob.byteLength / 8);
  new Uint8Array(out.buffer).set(blob);
  return out;
}
