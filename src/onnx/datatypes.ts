/** The Open Inference Protocol's tensor datatypes and how each maps to onnxruntime's. */

export type TypedArray =
  | Uint8Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint16Array | Uint32Array | BigUint64Array
  | Float32Array | Float64Array;

interface ServedType {
  /** onnxruntime-node's tensor type name. */
  ort: string;
  bytes: number;
  /** Builds the typed array onnxruntime expects for this type. */
  alloc: (n: number) => TypedArray;
  /** Integer range a JSON number must fall in; undefined for floats and BOOL. */
  range?: readonly [number, number];
  /** 64-bit integers are BigInt arrays. */
  big?: boolean;
}

/** The datatypes modelapi serves: every OIP type onnxruntime-node gives a plain typed array. */
export const SERVED_TYPES = {
  BOOL: { ort: 'bool', bytes: 1, alloc: (n) => new Uint8Array(n) },
  INT8: { ort: 'int8', bytes: 1, alloc: (n) => new Int8Array(n), range: [-128, 127] },
  INT16: { ort: 'int16', bytes: 2, alloc: (n) => new Int16Array(n), range: [-32768, 32767] },
  INT32: { ort: 'int32', bytes: 4, alloc: (n) => new Int32Array(n), range: [-(2 ** 31), 2 ** 31 - 1] },
  INT64: { ort: 'int64', bytes: 8, alloc: (n) => new BigInt64Array(n), range: [-(2 ** 63), 2 ** 63], big: true },
  UINT8: { ort: 'uint8', bytes: 1, alloc: (n) => new Uint8Array(n), range: [0, 255] },
  UINT16: { ort: 'uint16', bytes: 2, alloc: (n) => new Uint16Array(n), range: [0, 65535] },
  UINT32: { ort: 'uint32', bytes: 4, alloc: (n) => new Uint32Array(n), range: [0, 2 ** 32 - 1] },
  UINT64: { ort: 'uint64', bytes: 8, alloc: (n) => new BigUint64Array(n), range: [0, 2 ** 64], big: true },
  FP32: { ort: 'float32', bytes: 4, alloc: (n) => new Float32Array(n) },
  FP64: { ort: 'float64', bytes: 8, alloc: (n) => new Float64Array(n) },
} as const satisfies Record<string, ServedType>;

export const servedType = (datatype: ServedDatatype): ServedType => SERVED_TYPES[datatype];

export type ServedDatatype = keyof typeof SERVED_TYPES;

/** OIP datatypes a model may declare but modelapi refuses to serve, with the reason given to clients. */
export const REFUSED_TYPES: Record<string, string> = {
  FP16: 'half-precision floats have no JSON or JavaScript typed-array form here',
  BF16: 'bfloat16 has no JSON or JavaScript typed-array form here',
  BYTES: 'string tensors are not served',
};

const ORT_TO_OIP: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SERVED_TYPES).map(([oip, t]) => [t.ort, oip])),
  float16: 'FP16',
  bfloat16: 'BF16',
  string: 'BYTES',
};

/** onnxruntime's type name → the OIP datatype name (unknown ones pass through upper-cased). */
export function oipDatatype(ortType: string): string {
  return ORT_TO_OIP[ortType] ?? ortType.toUpperCase();
}

export function isServed(datatype: string): datatype is ServedDatatype {
  return Object.hasOwn(SERVED_TYPES, datatype);
}

export const SERVED_NAMES = Object.keys(SERVED_TYPES).join(', ');
