import { request, type FormData } from 'undici';
import { CliError, EXIT } from './exit.ts';

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
    const json = body === undefined ? undefined : JSON.stringify(body);
    return this.jsend<T>(method, path, json, body === undefined ? headers : { 'content-type': 'application/json', ...headers }, signal);
  }

  /** A request with a ready-made body (model files, multipart forms) whose answer is JSend. */
  async send<T>(method: 'PUT' | 'POST', path: string, body: Uint8Array | FormData, headers: Record<string, string> = {}): Promise<T> {
    return this.jsend<T>(method, path, body, headers);
  }

  /** An Open Inference Protocol call (/v2): the answer is plain JSON, errors are `{"error": …}`. */
  async oip<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    const res = await this.fetch(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
    const json = this.parse<{ error?: string }>(res);
    if (res.statusCode === 200) return json as T;
    throw new ServerRefused('MODELAPI_ERR_OIP', json.error ?? `HTTP ${res.statusCode}`, res.statusCode);
  }

  private async fetch(method: string, path: string, body: string | Uint8Array | FormData | undefined, headers: Record<string, string>, signal?: AbortSignal) {
    let res;
    try {
      res = await request(this.baseUrl + path, {
        method: method as 'GET',
        headers,
        body,
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
    return { statusCode: res.statusCode, text: await res.body.text() };
  }

  private parse<T>(res: { statusCode: number; text: string }): T {
    try {
      return JSON.parse(res.text) as T;
    } catch {
      throw new ServerRefused('MODELAPI_ERR_BAD_RESPONSE', `unexpected answer from ${this.baseUrl} (HTTP ${res.statusCode}): ${res.text.slice(0, 200)}`, res.statusCode);
    }
  }

  private async jsend<T>(method: string, path: string, body: string | Uint8Array | FormData | undefined, headers: Record<string, string>, signal?: AbortSignal): Promise<T> {
    const res = await this.fetch(method, path, body, headers, signal);
    const json = this.parse<{ status?: string; data?: unknown; code?: string; message?: string }>(res);
    if (json.status === 'success') return json.data as T;
    if (json.status === 'fail') {
      const fields = Object.entries((json.data ?? {}) as Record<string, string>).map(([k, v]) => `${k}: ${v}`);
      throw new ServerRefused(json.code ?? 'UNKNOWN', fields.join('\n') || 'request refused', res.statusCode);
    }
    throw new ServerRefused(json.code ?? 'UNKNOWN', json.message ?? `HTTP ${res.statusCode}`, res.statusCode);
  }
}
