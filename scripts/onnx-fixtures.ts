import { ELEM, buildModel, denseLayer, type GraphSpec } from './onnx-builder.ts';

/**
 * The test models and their weights. Tests compute expected outputs by hand from these numbers; the
 * weights are small binary fractions so float32 arithmetic on small inputs is exact.
 */
export const LINEAR = { w: [0.5, -1, 2], b: 0.25 };
export const LINEAR_V2 = { w: [1, 1, 1], b: 0 };
export const MLP = {
  w1: [[1, -1, 0.5], [0.5, 2, -1], [-0.25, 1, 1], [2, 0, -0.5]], // 4 x 3
  b1: [0.5, -0.5, 0],
  w2: [[1, -2], [0.5, 1], [-1, 0.25]], // 3 x 2
  b2: [0.125, -0.25],
};
export const INT64_FACTOR = 3n;
export const FIXED_FACTOR = 2;
/** A lookup table: an index outside 0..3 makes onnxruntime fail at run time, after every check passed. */
export const GATHER_TABLE = [[1, 2], [3, 4], [5, 6], [7, 8]];
/** Every datatype the Open Inference Protocol and onnxruntime share, each passed through Identity. */
export const ALL_TYPES = {
  BOOL: ELEM.BOOL, INT8: ELEM.INT8, INT16: ELEM.INT16, INT32: ELEM.INT32, INT64: ELEM.INT64, UINT8: ELEM.UINT8,
  UINT16: ELEM.UINT16, UINT32: ELEM.UINT32, UINT64: ELEM.UINT64, FP32: ELEM.FLOAT, FP64: ELEM.DOUBLE,
} as const;

const f32 = (rows: number[][]) => new Float32Array(rows.flat());

function linear(name: string, p: { w: number[]; b: number }): GraphSpec {
  const layer = denseLayer('l', 'x', new Float32Array(p.w), new Float32Array([p.b]), 3, false);
  return {
    name,
    inputs: [{ name: 'x', elem: ELEM.FLOAT, dims: ['batch', 3] }],
    outputs: [{ name: 'y', elem: ELEM.FLOAT, dims: ['batch', 1] }],
    initializers: layer.initializers,
    nodes: [...layer.nodes, { op: 'Identity', inputs: [layer.output], outputs: ['y'] }],
  };
}

/** A 2-layer perceptron `in → hidden (relu) → out` with a dynamic batch dimension. */
export function mlp(name: string, inDim: number, w1: Float32Array, b1: Float32Array, w2: Float32Array, b2: Float32Array): GraphSpec {
  const hidden = denseLayer('h', 'x', w1, b1, inDim, true);
  const out = denseLayer('o', hidden.output, w2, b2, b1.length, false);
  return {
    name,
    inputs: [{ name: 'x', elem: ELEM.FLOAT, dims: ['batch', inDim] }],
    outputs: [{ name: 'y', elem: ELEM.FLOAT, dims: ['batch', b2.length] }],
    initializers: [...hidden.initializers, ...out.initializers],
    nodes: [...hidden.nodes, ...out.nodes, { op: 'Identity', inputs: [out.output], outputs: ['y'] }],
  };
}

/** File name → model bytes. */
export function fixtureModels(): Record<string, Uint8Array> {
  return {
    'linear.onnx': buildModel(linear('linear', LINEAR)),
    'linear-v2.onnx': buildModel(linear('linear_v2', LINEAR_V2)),
    'mlp.onnx': buildModel(mlp('mlp', 4, f32(MLP.w1), new Float32Array(MLP.b1), f32(MLP.w2), new Float32Array(MLP.b2))),
    'two-inputs.onnx': buildModel({
      name: 'two_inputs',
      inputs: [
        { name: 'a', elem: ELEM.FLOAT, dims: ['batch', 2] },
        { name: 'b', elem: ELEM.INT32, dims: ['batch', 2] },
      ],
      outputs: [
        { name: 'sum', elem: ELEM.FLOAT, dims: ['batch', 2] },
        { name: 'doubled', elem: ELEM.INT32, dims: ['batch', 2] },
      ],
      nodes: [
        { op: 'Cast', inputs: ['b'], outputs: ['b_float'], attrs: { to: ELEM.FLOAT } },
        { op: 'Add', inputs: ['a', 'b_float'], outputs: ['sum'] },
        { op: 'Add', inputs: ['b', 'b'], outputs: ['doubled'] },
      ],
    }),
    'int64.onnx': buildModel({
      name: 'int64',
      inputs: [{ name: 'x', elem: ELEM.INT64, dims: ['batch', 2] }],
      outputs: [{ name: 'y', elem: ELEM.INT64, dims: ['batch', 2] }],
      initializers: [{ name: 'factor', elem: ELEM.INT64, dims: [], data: new BigInt64Array([INT64_FACTOR]) }],
      nodes: [{ op: 'Mul', inputs: ['x', 'factor'], outputs: ['y'] }],
    }),
    'fixed-batch.onnx': buildModel({
      name: 'fixed_batch',
      inputs: [{ name: 'x', elem: ELEM.FLOAT, dims: [1, 3] }],
      outputs: [{ name: 'y', elem: ELEM.FLOAT, dims: [1, 3] }],
      initializers: [{ name: 'factor', elem: ELEM.FLOAT, dims: [], data: new Float32Array([FIXED_FACTOR]) }],
      nodes: [{ op: 'Mul', inputs: ['x', 'factor'], outputs: ['y'] }],
    }),
    'fp16.onnx': buildModel({
      name: 'fp16',
      inputs: [{ name: 'x', elem: ELEM.FLOAT16, dims: ['batch', 2] }],
      outputs: [{ name: 'y', elem: ELEM.FLOAT, dims: ['batch', 2] }],
      nodes: [{ op: 'Cast', inputs: ['x'], outputs: ['y'], attrs: { to: ELEM.FLOAT } }],
    }),
    'gather.onnx': buildModel({
      name: 'gather',
      inputs: [{ name: 'idx', elem: ELEM.INT64, dims: ['batch', 1] }],
      outputs: [{ name: 'y', elem: ELEM.FLOAT, dims: ['batch', 1, 2] }],
      initializers: [{ name: 'table', elem: ELEM.FLOAT, dims: [4, 2], data: f32(GATHER_TABLE) }],
      nodes: [{ op: 'Gather', inputs: ['table', 'idx'], outputs: ['y'], attrs: { axis: 0 } }],
    }),
    'all-types.onnx': buildModel({
      name: 'all_types',
      inputs: Object.entries(ALL_TYPES).map(([t, elem]) => ({ name: `in_${t}`, elem, dims: ['n'] })),
      outputs: Object.entries(ALL_TYPES).map(([t, elem]) => ({ name: `out_${t}`, elem, dims: ['n'] })),
      nodes: Object.keys(ALL_TYPES).map((t) => ({ op: 'Identity', inputs: [`in_${t}`], outputs: [`out_${t}`] })),
    }),
  };
}
