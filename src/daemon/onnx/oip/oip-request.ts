import type { OipRequest } from '../../../onnx/index.ts';
import { ApiError } from '../../errors.ts';
import { validationFields, validatorCompiler } from '../../http/validation.ts';
import { OipInferRequest } from './oip-schemas.ts';
import { parseJsonText } from '../json-text.ts';

const check = validatorCompiler({ schema: OipInferRequest, httpPart: 'body' } as never) as unknown as ((v: unknown) => boolean) & { errors?: never[] };

/** Checks a parsed value against the OIP infer request schema; the error names the field. */
export function checkOipRequest(json: unknown): OipRequest {
  if (!check(json)) {
    const fields = validationFields(check.errors ?? [], 'body');
    throw new ApiError('MODELAPI_ERR_VALIDATION', Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '), { fields });
  }
  return json as OipRequest;
}

/** JSON text (a WebSocket message) → a checked OIP infer request. */
export function readInferJson(text: string): OipRequest {
  return checkOipRequest(parseJsonText(text, 'message'));
}
