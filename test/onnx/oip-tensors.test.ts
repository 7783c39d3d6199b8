import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InferInputError, SERVED_TYPES, decodeBinaryData, decodeJsonData, encodeJsonData, tensorBytes, type ServedDatatype } from '../../src/onnx/index.ts';

// For each datatype: values at both ends of its range, what JSON carries back, and one value it refuses.
const CASES: Record<ServedDatatype, { values: unknown[]; back: unknown[]; refused: unknown }> = {
  BOOL: { values: [true, false, 1, 0], back: [true, false, true, false], refused: 2 },
  INT8: { values: [-128, 0, 127], back: [-128, 0, 127], refused: 128 },
  INT16: { values: [-32768, 32767], back: [-32768, 32767], refused: -32769 },
  INT32: { values: [-(2 ** 31), 2 ** 31 - 1], back: [-(2 ** 31), 2 ** 31 - 1], refused: 2 ** 31 },
  INT64: { values: [-(2 ** 53), 2 ** 53], back: [-(2 ** 53), 2 ** 53], refused: 1.5 },
  UINT8: { values: [0, 255], back: [0, 255], refused: -1 },
  UINT16: { values: [0, 65535], back: [0, 65535], refused: 65536 },
  UINT32: { values: [0, 2 ** 32 - 1], back: [0, 2 ** 32 - 1], refused: 2 ** 32 },
  UINT64: { values: [0, 2 ** 53], back: [0, 2 ** 53], refused: -1 },
  FP32: { values: [0.5, -2, 3.4e38], back: [0.5, -2, Math.fround(3.4e38)], refused: 'x' },
  FP64: { values: [0.1, -1e300], back: [0.1, -1e300], refused: null },
};

test('every served datatype decodes from JSON, encodes back, and round-trips through raw bytes', () => {
  for (const [datatype, c] of Object.entries(CASES) as [ServedDatatype, (typeof CASES)[ServedDatatype]][]) {
    const decoded = decodeJsonData(datatype, c.values, 'x');
    assert.equal(decoded.BYTES_PER_ELEMENT, SERVED_TYPES[datatype].bytes, datatype);
    assert.deepEqual(encodeJsonData(datatype, decoded), c.back, datatype);
    const again = decodeBinaryData(datatype, tensorBytes(decoded), c.values.length, 'x');
    assert.deepEqual(encodeJsonData(datatype, again), c.back, `${datatype} via bytes`);
  }
});

test('a value outside its datatype is refused, naming the input, the element and the type', () => {
  for (const [datatype, c] of Object.entries(CASES) as [ServedDatatype, (typeof CASES)[ServedDatatype]][]) {
    assert.throws(
      () => decodeJsonData(datatype, [c.values[0], c.refused], 'feat'),
      (err: Error) => err instanceof InferInputError && err.message.includes("input 'feat'") && err.message.includes('data[1]') && err.message.includes(datatype),
      datatype,
    );
  }
});

test('binary data of the wrong size, or a BOOL byte other than 0/1, is refused', () => {
  assert.throws(() => decodeBinaryData('FP32', new Uint8Array(7), 2, 'x'), /binary_data_size is 7 bytes, expected 8/);
  assert.throws(() => decodeBinaryData('BOOL', new Uint8Array([0, 2]), 2, 'x'), /byte 1 is 2/);
  // Little-endian: 1.0f is 00 00 80 3f.
  assert.deepEqual(Array.from(decodeBinaryData("FP32", new Uint8Array([0, 0, 0x80, 0x3f]), 1, "x") as Float32Array), [1]);
});
