import { storeFailure } from '../store/index.ts';

/**
 * The one registry of error codes: each code maps to one HTTP status. Clients and tests rely on the
 * codes; messages may change.
 */
export const ERROR_STATUS = {
  MODELAPI_ERR_VALIDATION: 400,
  MODELAPI_ERR_INVALID_SPEC: 400,
  MODELAPI_ERR_INVALID_JSON: 400,
  MODELAPI_ERR_INVALID_MODEL: 400,
  MODELAPI_ERR_INVALID_INPUT: 400,
  MODELAPI_ERR_MODEL_NOT_FOUND: 404,
  MODELAPI_ERR_NO_VERSION: 404,
  MODELAPI_ERR_VERSION_NOT_FOUND: 404,
  MODELAPI_ERR_VERSION_IN_USE: 409,
  MODELAPI_ERR_ROUTE_NOT_FOUND: 404,
  MODELAPI_ERR_SIGNATURE_CHANGED: 409,
  MODELAPI_ERR_MODEL_KIND_CONFLICT: 409,
  MODELAPI_ERR_JOB_NOT_FOUND: 404,
  MODELAPI_ERR_JOB_FINISHED: 409,
  MODELAPI_ERR_JOB_CANCELLED: 409,
  MODELAPI_ERR_TIMESTAMP_CONFLICT: 409,
  MODELAPI_ERR_BODY_TOO_LARGE: 413,
  MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  MODELAPI_ERR_UNFITTABLE: 422,
  MODELAPI_ERR_FIT_FAILED: 422,
  MODELAPI_ERR_IRREGULAR_TIMESTAMPS: 422,
  MODELAPI_ERR_IDEMPOTENCY_MISMATCH: 422,
  // Never answered: observations refit the model instead (the engine declines an update with it).
  MODELAPI_ERR_UPDATE_UNSUPPORTED: 422,
  MODELAPI_ERR_INTERNAL: 500,
  MODELAPI_ERR_WORKER_CRASHED: 500,
  MODELAPI_ERR_INFER_FAILED: 500,
  MODELAPI_ERR_INTERRUPTED: 500,
  MODELAPI_ERR_LOCK_TIMEOUT: 503,
  MODELAPI_ERR_QUEUE_FULL: 503,
  MODELAPI_ERR_QUEUE_TIMEOUT: 503,
  MODELAPI_ERR_SHUTTING_DOWN: 503,
  MODELAPI_ERR_FIT_TIMEOUT: 504,
  // The HTTP layer's own refusals (issue 12): every status Fastify or Node can produce, in JSend.
  MODELAPI_ERR_BAD_REQUEST: 400,
  MODELAPI_ERR_UNAUTHORIZED: 401,
  MODELAPI_ERR_FORBIDDEN: 403,
  MODELAPI_ERR_METHOD_NOT_ALLOWED: 405,
  MODELAPI_ERR_REQUEST_TIMEOUT: 408,
  MODELAPI_ERR_URI_TOO_LONG: 414,
  MODELAPI_ERR_HEADERS_TOO_LARGE: 431,
  // Numbers that are not finite never become answers or stored nulls.
  MODELAPI_ERR_NOT_FINITE: 422,
  // The store could not do its part: busy past the wait, the file gone or replaced, read-only, full.
  MODELAPI_ERR_STORE_BUSY: 503,
  MODELAPI_ERR_STORE_UNAVAILABLE: 503,
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
  /** Extra response headers the status calls for (Allow on 405, WWW-Authenticate on 401). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { fields?: Record<string, string>; retryAfterSeconds?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.fields = opts.fields ?? {};
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.headers = opts.headers ?? {};
  }

  static field(code: ErrorCode, field: string, message: string): ApiError {
    return new ApiError(code, `${field}: ${message}`, { fields: { [field]: message } });
  }
}

/** A store failure as the client's answer: busy → 503 + Retry-After; deleted, read-only, full → 503 saying so. */
export function storeApiError(err: unknown): ApiError | undefined {
  const failure = storeFailure(err);
  if (!failure) return undefined;
  return failure.busy
    ? new ApiError('MODELAPI_ERR_STORE_BUSY', failure.message, { retryAfterSeconds: 1 })
    : new ApiError('MODELAPI_ERR_STORE_UNAVAILABLE', failure.message, { retryAfterSeconds: 30 });
}
