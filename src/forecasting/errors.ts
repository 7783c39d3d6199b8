/**
 * Engine errors carry a stable code; the daemon maps codes to HTTP statuses in its one registry.
 * `field` names the offending option when there is one.
 */
export type EngineErrorCode =
  | 'MODELAPI_ERR_INVALID_SPEC' // an option is malformed or out of range (HTTP 400)
  | 'MODELAPI_ERR_UNFITTABLE' // the data cannot be fitted with this spec (HTTP 422)
  | 'MODELAPI_ERR_FIT_FAILED' // the optimiser or filter broke down (HTTP 422)
  | 'MODELAPI_ERR_UPDATE_UNSUPPORTED'; // this fitted model cannot take new observations: refit it instead

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly field: string | undefined;
  constructor(code: EngineErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.field = field;
  }
}

export function invalidSpec(field: string, message: string): EngineError {
  return new EngineError('MODELAPI_ERR_INVALID_SPEC', message, field);
}

export function unfittable(message: string, field = 'data'): EngineError {
  return new EngineError('MODELAPI_ERR_UNFITTABLE', message, field);
}
