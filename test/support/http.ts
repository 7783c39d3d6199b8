import { request } from 'undici';

export interface Answer<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/** One HTTP call to the daemon; the body is parsed as JSON. */
export async function call<T = any>(url: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await request(url, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export const fit = (base: string, model: string, body: unknown) => call(`${base}/v1/models/${model}/fit`, 'POST', body);
export const forecast = (base: string, model: string, query = 'h=3') => call(`${base}/v1/models/${model}/forecast?${query}`);

/**
 * Polls a condition until it holds or the deadline passes (waiting on state, not on time). With
 * `intervalMs`, probes that cost a process spawn (tmux) are spaced out instead of run back to back.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000, intervalMs = 0): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => (intervalMs > 0 ? setTimeout(r, intervalMs) : setImmediate(r)));
  }
}
