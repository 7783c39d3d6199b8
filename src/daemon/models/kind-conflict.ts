import { ApiError } from '../errors.ts';

/** ONNX models share the registry, versions and lock, but are deployed and served by src/daemon/onnx. */
export function kindConflict(name: string, kind: string): ApiError {
  const what = kind === 'onnx' ? 'an ONNX model (deploy with PUT /v1/models/:name/onnx, infer on /v2)' : `a forecasting model (${kind})`;
  return ApiError.field('MODELAPI_ERR_MODEL_KIND_CONFLICT', 'model', `'${name}' is ${what}; a model's kind is fixed by its first version`);
}
