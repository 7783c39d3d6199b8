/**
 * The one registry of error codes: each code maps to one HTTP status. Clients and tests rely on the
 * codes; messages may change.
 */
export const ERROR_STATUS = {
  MODELAPI_ERR_VALIDATION: 400,
  MODELAPI_ERR_INVALID_SPEC: 400,
  MODELAPI_ERR_INVALID_JSON: 400,
  MODELAPI_ERR_MODEL_NOT_FOUND: 404,
  MODELAPI_ERR_NO_VERSION: 404,
  MODELAPI_ERR_VERSION_NOT_FOUND: 404,
  MODELAPI_ERR_VERSION_IN_USE: 409,
  MODELAPI_ERR_ROUTE_NOT_FOUND: 404,
  MODELAPI_ERR_JOB_NOT_FOUND: 404,
  MODELAPI_ERR_JOB_FINISHED: 409,
  MODELAPI_ERR_JOB_CANCELLED: 409,
  MODELAPI_ERR_BODY_TOO_LARGE: 413,
  MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  MODELAPI_ERR_UNFITTABLE: 422,
  MODELAPI_ERR_FIT_FAILED: 422,
  MODELAPI_ERR_INTERNAL: 500,
  MODELAPI_ERR_WORKER_CRASHED: 500,
  MODELAPI_ERR_INTERRUPTED: 500,
  MODELAPI_ERR_LOCK_TIMEOUT: 503,
  MODELAPI_ERR_QUEUE_FULL: 503,
  MODELAPI_ERR_SHUTTING_DOWN: 503,
  MODELAPI_ERR_FIT_TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in ERROR_STATUS;
}

/** An error meant for the client: 4xx become JSend `fail` with per-field messages, 5xx JSend `error`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: Record<string, string>;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, opts: { fields?: Record<string, string>; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = opts.fields ?? {};
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  static field(code: ErrorCode, field: string, message: string): ApiError {
    return new ApiError(code, `${field}: ${message}`, { fields: { [field]: message } });
  }
}
