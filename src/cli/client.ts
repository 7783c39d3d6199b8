import { request } from 'undici';
import { CliError, EXIT } from './exit.ts';
import { authHeaders } from './url.ts';

export { resolveUrl } from './url.ts';

/** The server said no: the message says what it said, the exit code is 1. */
export class ServerRefused extends CliError {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message, EXIT.serverSaidNo);
  }
}

const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

/** A thin JSend client for the daemon's HTTP API. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  /** `signal` abandons the wait (the daemon still finishes a fit it started: fits are not cancellable). */
  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
    let res;
    try {
      res = await request(this.baseUrl + path, {
        method,
        headers: { ...authHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        // Fits may legitimately wait for the lock and run for minutes; the daemon bounds both.
        headersTimeout: 0,
        bodyTimeout: 0,
        signal,
      });
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (CONNECT_ERRORS.has(code)) {
        throw new CliError(
          `no modelapi daemon reachable at ${this.baseUrl} (${code}); start one with: npx modelapi serve`,
          EXIT.noDaemon,
        );
      }
      throw err;
    }
    const text = await res.body.text();
    let json: { status?: string; data?: unknown; code?: string; message?: string };
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServerRefused('MODELAPI_ERR_BAD_RESPONSE', `unexpected answer from ${this.baseUrl} (HTTP ${res.statusCode}): ${text.slice(0, 200)}`, res.statusCode);
    }
    if (json.status === 'success') return json.data as T;
    if (json.status === 'fail') {
      const fields = Object.entries((json.data ?? {}) as Record<string, string>).map(([k, v]) => `${k}: ${v}`);
      throw new ServerRefused(json.code ?? 'UNKNOWN', fields.join('\n') || 'request refused', res.statusCode);
    }
    throw new ServerRefused(json.code ?? 'UNKNOWN', json.message ?? `HTTP ${res.statusCode}`, res.statusCode);
  }
}
