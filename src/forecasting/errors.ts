/**
 * Engine errors carry a stable code; the daemon maps codes to HTTP statuses in its one registry.
 * `field` names the offending option when there is one.
 */
export type EngineErrorCode =
  | 'MODELAPI_ERR_INVALID_SPEC' // an option is malformed or out of range (HTTP 400)
  | 'MODELAPI_ERR_UNFITTABLE' // the data cannot be fitted with this spec (HTTP 422)
  | 'MODELAPI_ERR_FIT_FAILED' // the optimiser or filter broke down (HTTP 422)
  | 'MODELAPI_ERR_UPDATE_UNSUPPORTED'; // this fitted model cannot take new observations: refit it instead

/** Marks engine errors across copies of this module (see EngineError's Symbol.hasInstance). */
const ENGINE_ERROR = Symbol.for('modelapi.EngineError');

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly field: string | undefined;
  constructor(code: EngineErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.field = field;
    Object.defineProperty(this, ENGINE_ERROR, { value: true });
  }

  /**
   * `instanceof EngineError` holds for an engine error made by any copy of this class. The daemon runs
   * from a bundle of the sources, while a kinds module written in TypeScript imports the sources
   * themselves (through tsx): its errors come from that second copy, and must still be recognised as
   * engine errors (a 400 or 422 naming the field, not a 500). Subclasses keep the ordinary check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== EngineError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ENGINE_ERROR] === true;
  }
}

export function invalidSpec(field: string, message: string): EngineError {
  return new EngineError('MODELAPI_ERR_INVALID_SPEC', message, field);
}

export function unfittable(message: string, field = 'data'): EngineError {
  return new EngineError('MODELAPI_ERR_UNFITTABLE', message, field);
}
