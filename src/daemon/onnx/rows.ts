import type { InputTensor, TypedArray } from '../../onnx/index.ts';
import type { InferOutput } from '../../pool/index.ts';
import { ApiError } from '../errors.ts';

/** One input of several requests, concatenated along the first (batch) dimension, in request order. */
export function concatRows(first: InputTensor, parts: InputTensor[], alloc: (n: number) => TypedArray): InputTensor {
  const total = parts.reduce((n, p) => n + p.data.length, 0);
  const data = alloc(total);
  let offset = 0;
  for (const p of parts) {
    (data as Float32Array).set(p.data as Float32Array, offset);
    offset += p.data.length;
  }
  const rows = parts.reduce((n, p) => n + p.shape[0]!, 0);
  return { name: first.name, datatype: first.datatype, shape: [rows, ...first.shape.slice(1)], data };
}

/** A batch's outputs cut back into each request's rows. */
export function splitRows(outputs: InferOutput[], rows: number[]): InferOutput[][] {
  const total = rows.reduce((a, b) => a + b, 0);
  const perRequest: InferOutput[][] = rows.map(() => []);
  for (const o of outputs) {
    if (o.shape[0] !== total || o.data.length % total !== 0) {
      throw new ApiError('MODELAPI_ERR_INFER_FAILED', `output '${o.name}' has shape [${o.shape.join(',')}], not one entry per batched row (${total})`);
    }
    const width = o.data.length / total;
    let row = 0;
    rows.forEach((n, i) => {
      // slice, not subarray: each reply owns its data, and the batch's buffer can be collected.
      perRequest[i]!.push({ name: o.name, datatype: o.datatype, shape: [n, ...o.shape.slice(1)], data: o.data.slice(row * width, (row + n) * width) });
      row += n;
    });
  }
  return perRequest;
}
