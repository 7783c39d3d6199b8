import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInputs, checkOutputs, signatureDifference, signatureOf, type Signature } from '../../src/onnx/index.ts';

// What onnxruntime-node reports for the two-inputs fixture and for the fp16 one.
const twoInputs: Signature = signatureOf(
  [
    { name: 'a', isTensor: true, type: 'float32', shape: ['batch', 2] },
    { name: 'b', isTensor: true, type: 'int32', shape: ['batch', 2] },
  ],
  [{ name: 'sum', isTensor: true, type: 'float32', shape: ['batch', 2] }, { name: 'doubled', isTensor: true, type: 'int32', shape: ['batch', 2] }],
);
const a = { name: 'a', shape: [1, 2], datatype: 'FP32', data: [1, 2] };
const b = { name: 'b', shape: [1, 2], datatype: 'INT32', data: [3, 4] };

test('the signature keeps -1 and the symbolic name for dynamic dimensions', () => {
  assert.deepEqual(twoInputs.inputs[0], { name: 'a', datatype: 'FP32', shape: [-1, 2], dimNames: ['batch', null] });
  assert.deepEqual(twoInputs.outputs[1]!.datatype, 'INT32');
});

test('inputs are checked by name, datatype, rank, fixed dimension, element count and value', () => {
  const cases: [unknown[], RegExp][] = [
    [[a], /input 'b' is missing/],
    [[a, b, { ...b, name: 'c' }], /input 'c' is not an input of the model \(inputs: a, b\)/],
    [[a, a, b], /input 'a' is given twice/],
    [[{ ...a, datatype: 'FP64' }, b], /input 'a': datatype is FP64, the model expects FP32/],
    [[{ ...a, shape: [2] }, b], /input 'a': shape \[2\] has 1 dimensions, the model expects 2/],
    [[{ ...a, shape: [1, 3], data: [1, 2, 3] }, b], /input 'a': dimension 1 is 3, the model expects 2/],
    [[{ ...a, shape: [2, 2] }, b], /input 'a': data has 2 elements, shape \[2,2\] needs 4/],
    [[a, { ...b, data: [3, 4.5] }], /input 'b': data\[1\] is 4.5, expected an integer/],
    [[{ ...a, data: undefined }, b], /input 'a': data is missing/],
  ];
  for (const [inputs, message] of cases) {
    assert.throws(() => checkInputs(twoInputs, { inputs } as never), message);
  }
  const ok = checkInputs(twoInputs, { inputs: [b, { ...a, shape: [2, 2], data: [[1, 2], [3, 4]] }] } as never);
  assert.deepEqual(ok.map((t) => [t.name, Array.from(t.data as Float32Array)]), [['a', [1, 2, 3, 4]], ['b', [3, 4]]]);
});

test('FP16 inputs are refused with the reason before anything runs', () => {
  const fp16 = signatureOf([{ name: 'x', isTensor: true, type: 'float16', shape: ['batch', 2] }], []);
  assert.throws(() => checkInputs(fp16, { inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP16', data: [1, 2] }] }), /input 'x' is FP16, which modelapi cannot serve/);
});

test('outputs: all by default, the selection honoured, unknown names refused', () => {
  assert.deepEqual(checkOutputs(twoInputs, { inputs: [] }), ['sum', 'doubled']);
  assert.deepEqual(checkOutputs(twoInputs, { inputs: [], outputs: [{ name: 'doubled' }] }), ['doubled']);
  assert.throws(() => checkOutputs(twoInputs, { inputs: [], outputs: [{ name: 'z' }] }), /output 'z' is not an output of the model/);
});

test('a signature difference names the tensor, the field, old and new', () => {
  const wider = signatureOf([{ name: 'a', isTensor: true, type: 'float32', shape: ['batch', 3] }, { name: 'b', isTensor: true, type: 'int32', shape: ['batch', 2] }], []);
  const outputs = twoInputs.outputs;
  assert.equal(signatureDifference(twoInputs, twoInputs), undefined);
  assert.equal(signatureDifference(twoInputs, { ...wider, outputs }), "input 'a' shape: [batch,2] → [batch,3]");
  const retyped = { inputs: twoInputs.inputs, outputs: [outputs[0]!, { ...outputs[1]!, datatype: 'INT64' }] };
  assert.equal(signatureDifference(twoInputs, retyped), "output 'doubled' datatype: INT32 → INT64");
  assert.equal(signatureDifference(twoInputs, { inputs: twoInputs.inputs.slice(0, 1), outputs }), 'inputs: a, b → a');
});
