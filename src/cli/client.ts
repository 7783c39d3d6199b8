import { request, type Dispatcher, type FormData } from 'undici';
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

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** A thin JSend client for the daemon's HTTP API. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  /** `signal` abandons the wait (the daemon still finishes a fit it started: fits are not cancellable). */
  async call<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
    return (await this.exchange<T>(method, path, body, headers, signal)).data;
  }

  /** The answer's data with its headers (paging cursors travel in headers). */
  async exchange<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
    const raw = typeof body === 'string';
    const res = await this.send(method, path, {
      headers: body === undefined || raw ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      signal,
    });
    return { data: await this.read<T>(res), headers: res.headers };
  }

  /** A response whose body the caller streams (bulk forecasts); failures are read as JSend. */
  async stream(method: Method, path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await this.send(method, path, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (res.statusCode >= 400) await this.read(res);
    return res.body;
  }

  /** A request with a ready-made body (a model file, a multipart form) whose answer is JSend. */
  async upload<T>(method: 'PUT' | 'POST', path: string, body: Uint8Array | FormData, headers: Record<string, string> = {}): Promise<T> {
    return this.read<T>(await this.send(method, path, { headers, body }));
  }

  /** An Open Inference Protocol call (/v2): the answer is plain JSON, errors are `{"error": …}`. */
  async oip<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body === undefined ? { headers: {} } : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.body.text();
    let json: { error?: string };
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServerRefused('MODELAPI_ERR_BAD_RESPONSE', `unexpected answer from ${this.baseUrl} (HTTP ${res.statusCode}): ${text.slice(0, 200)}`, res.statusCode);
    }
    if (res.statusCode === 200) return json as T;
    throw new ServerRefused('MODELAPI_ERR_OIP', json.error ?? `HTTP ${res.statusCode}`, res.statusCode);
  }

  private async send(method: Method, path: string, opts: { headers: Record<string, string>; body?: string | Uint8Array | FormData; signal?: AbortSignal }) {
    try {
      return await request(this.baseUrl + path, {
        method,
        ...opts,
        headers: { ...authHeaders(), ...opts.headers },
        // Fits may legitimately wait for the lock and run for minutes; the daemon bounds both.
        headersTimeout: 0,
        bodyTimeout: 0,
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
  }

  private async read<T>(res: Dispatcher.ResponseData): Promise<T> {
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
