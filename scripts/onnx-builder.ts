import protobuf from 'protobufjs';
import { readFileSync } from 'node:fs';

/** ONNX element types (TensorProto.DataType numbers from onnx/onnx). */
export const ELEM = {
  FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, BOOL: 9, FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13,
} as const;

/** A graph input or output: a number is a fixed dimension, a string a symbolic (dynamic) one. */
export interface ValueSpec { name: string; elem: number; dims: (number | string)[] }
export interface InitializerSpec { name: string; elem: number; dims: number[]; data: ArrayBufferView }
export interface NodeSpec { op: string; inputs: string[]; outputs: string[]; attrs?: Record<string, number> }
export interface GraphSpec {
  name: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  initializers?: InitializerSpec[];
  nodes: NodeSpec[];
}

const root = protobuf.parse(readFileSync(new URL('./onnx-subset.proto', import.meta.url), 'utf8')).root;
const ModelProto = root.lookupType('onnx.ModelProto');

const valueInfo = (v: ValueSpec) => ({
  name: v.name,
  type: {
    tensorType: {
      elemType: v.elem,
      shape: { dim: v.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
    },
  },
});

/** Raw little-endian bytes of a typed array (the ONNX raw_data encoding). */
const rawBytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** Serialises a one-graph ONNX model (IR 8, default opset 17). */
export function buildModel(g: GraphSpec, opset = 17): Uint8Array {
  const message = ModelProto.fromObject({
    irVersion: 8,
    producerName: 'modelapi scripts/onnx-builder.ts',
    opsetImport: [{ domain: '', version: opset }],
    graph: {
      name: g.name,
      input: g.inputs.map(valueInfo),
      output: g.outputs.map(valueInfo),
      initializer: (g.initializers ?? []).map((t) => ({ name: t.name, dataType: t.elem, dims: t.dims, rawData: rawBytes(t.data) })),
      node: g.nodes.map((n, i) => ({
        name: `${n.op.toLowerCase()}_${i}`,
        opType: n.op,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attrs ?? {}).map(([name, i]) => ({ name, type: 2, i })),
      })),
    },
  });
  return ModelProto.encode(message).finish();
}

/** A dense layer: MatMul by `w` [inDim, outDim] then Add `b` [outDim], optionally followed by Relu. */
export function denseLayer(prefix: string, input: string, w: Float32Array, b: Float32Array, inDim: number, relu: boolean) {
  const outDim = b.length;
  const out = relu ? `${prefix}_relu` : `${prefix}_out`;
  return {
    initializers: [
      { name: `${prefix}_w`, elem: ELEM.FLOAT, dims: [inDim, outDim], data: w },
      { name: `${prefix}_b`, elem: ELEM.FLOAT, dims: [outDim], data: b },
    ],
    nodes: [
      { op: 'MatMul', inputs: [input, `${prefix}_w`], outputs: [`${prefix}_mm`] },
      { op: 'Add', inputs: [`${prefix}_mm`, `${prefix}_b`], outputs: [relu ? `${prefix}_pre` : out] },
      ...(relu ? [{ op: 'Relu', inputs: [`${prefix}_pre`], outputs: [out] }] : []),
    ],
    output: out,
  };
}
