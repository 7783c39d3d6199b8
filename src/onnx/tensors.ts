import { servedType, type ServedDatatype, type TypedArray } from './datatypes.ts';

/** A request's input that does not fit the model; the message names the input and what was expected. */
export class InferInputError extends Error {}

/** OIP `data`, flat or nested row-major, as one flat list. */
export function flattenData(data: unknown): unknown[] {
  // The flat form is what most clients send: it is read as it is, not copied value by value.
  if (Array.isArray(data) && !data.some(Array.isArray)) return data;
  return flattenInto(data, []);
}

function flattenInto(data: unknown, out: unknown[]): unknown[] {
  if (Array.isArray(data)) for (const d of data) flattenInto(d, out);
  else out.push(data);
  return out;
}

function badValue(where: string, datatype: string, i: number, v: unknown, expected: string): InferInputError {
  return new InferInputError(`input '${where}': data[${i}] is ${JSON.stringify(v)}, expected ${expected} for ${datatype}`);
}

/** JSON values → the typed array onnxruntime takes, checking each value against the datatype. */
export function decodeJsonData(datatype: ServedDatatype, values: unknown[], where: string): TypedArray {
  const type = servedType(datatype);
  const out = type.alloc(values.length);
  if (datatype === 'BOOL') {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === true || v === 1) out[i] = 1;
      else if (v === false || v === 0) out[i] = 0;
      else throw badValue(where, datatype, i, v, 'true or false');
    }
    return out;
  }
  const range = type.range;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') throw badValue(where, datatype, i, v, 'a number');
    if (range && (!Number.isInteger(v) || v < range[0] || v >= range[1] + (type.big ? 0 : 1))) {
      throw badValue(where, datatype, i, v, `an integer from ${range[0]} to ${type.big ? `${range[1]} (exclusive)` : range[1]}`);
    }
    (out as unknown as (number | bigint)[])[i] = type.big ? BigInt(v) : v;
  }
  return out;
}

/** Raw little-endian bytes (Triton's binary tensor extension) → a typed array, copied so it is aligned. */
export function decodeBinaryData(datatype: ServedDatatype, bytes: Uint8Array, count: number, where: string): TypedArray {
  const type = servedType(datatype);
  if (bytes.byteLength !== count * type.bytes) {
    throw new InferInputError(
      `input '${where}': binary_data_size is ${bytes.byteLength} bytes, expected ${count * type.bytes} (${count} ${datatype} elements of ${type.bytes} bytes)`,
    );
  }
  const out = type.alloc(count);
  new Uint8Array(out.buffer).set(bytes);
  if (datatype === 'BOOL') {
    const i = (out as Uint8Array).findIndex((b) => b > 1);
    if (i >= 0) throw new InferInputError(`input '${where}': byte ${i} is ${out[i]}, expected 0 or 1 for BOOL`);
  }
  return out;
}

/** A typed array → JSON values (64-bit integers as numbers, BOOL as true/false). */
export function encodeJsonData(datatype: string, data: TypedArray): (number | boolean)[] {
  if (datatype === 'BOOL') return Array.from(data as Uint8Array, (b) => b !== 0);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, Number);
  return Array.from(data as Float64Array);
}

/** A typed array's little-endian bytes (every platform onnxruntime-node ships for is little-endian). */
export function tensorBytes(data: TypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export const elementCount = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
