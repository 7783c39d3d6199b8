import { REFUSED_TYPES, SERVED_NAMES, isServed, type ServedDatatype, type TypedArray } from './datatypes.ts';
import type { Signature, TensorSpec } from './signature.ts';
import { InferInputError, decodeBinaryData, decodeJsonData, elementCount, flattenData } from './tensors.ts';

/** An Open Inference Protocol infer request, as the JSON (header) gives it. */
export interface OipInput {
  name: string;
  shape: number[];
  datatype: string;
  data?: unknown;
  parameters?: { binary_data_size?: number; [k: string]: unknown };
}
export interface OipOutputRequest {
  name: string;
  parameters?: { binary_data?: boolean; [k: string]: unknown };
}
export interface OipRequest {
  id?: string;
  parameters?: { binary_data_output?: boolean; [k: string]: unknown };
  inputs: OipInput[];
  outputs?: OipOutputRequest[];
}

/** An input checked against the signature and decoded, in the signature's order. */
export interface InputTensor {
  name: string;
  datatype: ServedDatatype;
  shape: number[];
  data: TypedArray;
}

const shapeText = (s: readonly number[]) => `[${s.join(',')}]`;

function checkShape(spec: TensorSpec, shape: number[]): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new InferInputError(`input '${spec.name}': shape must be a list of non-negative integers`);
  }
  if (shape.length !== spec.shape.length) {
    throw new InferInputError(`input '${spec.name}': shape ${shapeText(shape)} has ${shape.length} dimensions, the model expects ${spec.shape.length} (${shapeText(spec.shape)})`);
  }
  spec.shape.forEach((d, i) => {
    if (d !== -1 && shape[i] !== d) {
      throw new InferInputError(`input '${spec.name}': dimension ${i} is ${shape[i]}, the model expects ${d} (shape ${shapeText(spec.shape)})`);
    }
  });
}

function checkDatatype(spec: TensorSpec, given: string): ServedDatatype {
  if (!isServed(spec.datatype)) {
    throw new InferInputError(`input '${spec.name}' is ${spec.datatype}, which modelapi cannot serve: ${REFUSED_TYPES[spec.datatype] ?? 'unknown type'} (served: ${SERVED_NAMES})`);
  }
  if (given !== spec.datatype) throw new InferInputError(`input '${spec.name}': datatype is ${given}, the model expects ${spec.datatype}`);
  return spec.datatype;
}

/**
 * Checks a request's inputs against the signature — names, datatypes, each fixed dimension, the element
 * count against the shape, every value — and decodes them. `binary` holds the bytes after the JSON
 * header when the request uses Triton's binary tensor extension. Throws InferInputError.
 */
export function checkInputs(sig: Signature, req: OipRequest, binary?: Uint8Array): InputTensor[] {
  const byName = new Map<string, OipInput>();
  for (const input of req.inputs) {
    if (byName.has(input.name)) throw new InferInputError(`input '${input.name}' is given twice`);
    byName.set(input.name, input);
  }
  const expected = sig.inputs.map((s) => s.name);
  for (const name of byName.keys()) {
    if (!expected.includes(name)) throw new InferInputError(`input '${name}' is not an input of the model (inputs: ${expected.join(', ')})`);
  }
  let offset = 0;
  return sig.inputs.map((spec) => {
    const input = byName.get(spec.name);
    if (!input) throw new InferInputError(`input '${spec.name}' is missing (inputs: ${expected.join(', ')})`);
    const datatype = checkDatatype(spec, input.datatype);
    checkShape(spec, input.shape);
    const count = elementCount(input.shape);
    const size = input.parameters?.binary_data_size;
    if (size !== undefined) {
      if (!binary || !Number.isInteger(size) || size < 0 || offset + size > binary.byteLength) {
        throw new InferInputError(`input '${spec.name}': binary_data_size ${size} runs past the ${binary?.byteLength ?? 0} binary bytes after the JSON header`);
      }
      const data = decodeBinaryData(datatype, binary.subarray(offset, offset + size), count, spec.name);
      offset += size;
      return { name: spec.name, datatype, shape: input.shape, data };
    }
    if (input.data === undefined) throw new InferInputError(`input '${spec.name}': data is missing (or give parameters.binary_data_size)`);
    const values = flattenData(input.data);
    if (values.length !== count) {
      throw new InferInputError(`input '${spec.name}': data has ${values.length} elements, shape ${shapeText(input.shape)} needs ${count}`);
    }
    return { name: spec.name, datatype, shape: input.shape, data: decodeJsonData(datatype, values, spec.name) };
  });
}

/** The outputs to return: those asked for (each must exist), or all of them. */
export function checkOutputs(sig: Signature, req: OipRequest): string[] {
  const all = sig.outputs.map((o) => o.name);
  if (!req.outputs || req.outputs.length === 0) return all;
  return req.outputs.map((o) => {
    if (!all.includes(o.name)) throw new InferInputError(`output '${o.name}' is not an output of the model (outputs: ${all.join(', ')})`);
    return o.name;
  });
}
