import { encodeJsonData, tensorBytes, type OipRequest } from '../../../onnx/index.ts';
import type { InferOutput } from '../../../pool/index.ts';
import { ApiError } from '../../errors.ts';
import { parseJsonText } from '../json-text.ts';

/**
 * Triton's binary tensor data extension: the body is a JSON header of `Inference-Header-Content-Length`
 * bytes followed by the raw little-endian tensors whose inputs carry `parameters.binary_data_size`.
 */
export const HEADER_LENGTH = 'inference-header-content-length';

export function splitBinaryBody(body: Buffer, headerLength: string | undefined): { json: unknown; binary?: Uint8Array } {
  const n = headerLength === undefined ? body.byteLength : Number(headerLength);
  if (!Number.isInteger(n) || n < 0 || n > body.byteLength) {
    throw ApiError.field('MODELAPI_ERR_VALIDATION', 'Inference-Header-Content-Length', `must be an integer from 0 to the body's ${body.byteLength} bytes`);
  }
  const json = parseJsonText(body.subarray(0, n).toString('utf8'), 'body', 'the JSON header is not valid JSON');
  return { json, binary: n < body.byteLength ? body.subarray(n) : undefined };
}

/** Which outputs the client wants as binary: per output `binary_data`, else the request's `binary_data_output`. */
function wantsBinary(req: OipRequest, name: string): boolean {
  const own = req.outputs?.find((o) => o.name === name)?.parameters?.binary_data;
  return own ?? req.parameters?.binary_data_output ?? false;
}

export interface InferReply {
  header: Record<string, unknown>;
  /** Raw tensors to send after the JSON header; undefined when every output is JSON. */
  binary?: Buffer;
}

/** The OIP infer response, with the outputs the client asked for as binary moved after the header. */
export function inferReply(model: string, version: number, req: OipRequest, outputs: InferOutput[]): InferReply {
  const chunks: Uint8Array[] = [];
  const encoded = outputs.map((o) => {
    if (!wantsBinary(req, o.name)) return { name: o.name, datatype: o.datatype, shape: o.shape, data: encodeJsonData(o.datatype, o.data) };
    const bytes = tensorBytes(o.data);
    chunks.push(bytes);
    return { name: o.name, datatype: o.datatype, shape: o.shape, parameters: { binary_data_size: bytes.byteLength } };
  });
  const header = { model_name: model, model_version: String(version), ...(req.id !== undefined ? { id: req.id } : {}), outputs: encoded };
  return { header, binary: chunks.length ? Buffer.concat(chunks) : undefined };
}
