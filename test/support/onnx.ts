import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { ROOT } from './daemon.ts';
import type { Answer } from './http.ts';

export const ONNX_FIXTURES = join(ROOT, 'fixtures', 'onnx');
export const onnxFixture = (file: string): Buffer => readFileSync(join(ONNX_FIXTURES, file));

async function answer(res: Awaited<ReturnType<typeof request>>): Promise<Answer> {
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** PUT /v1/models/:name/onnx with the raw bytes. */
export async function deployBytes(base: string, model: string, bytes: Uint8Array, query = ''): Promise<Answer> {
  const res = await request(`${base}/v1/models/${model}/onnx${query}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  return answer(res);
}

export const deploy = (base: string, model: string, file: string, query = '') => deployBytes(base, model, onnxFixture(file), query);

/** POST an OIP infer request to /v2/models/:model[/versions/:v]/infer. */
export async function infer(base: string, model: string, body: unknown, version?: number): Promise<Answer> {
  const path = version === undefined ? `/v2/models/${model}/infer` : `/v2/models/${model}/versions/${version}/infer`;
  const res = await request(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return answer(res);
}

/** The linear fixture by hand: y = x·w + b for each row of 3, in float32 like the model. */
export function linearByHand(rows: number[][], p: { w: number[]; b: number }): number[] {
  const f = Math.fround;
  return rows.map((r) => f(f(f(f(r[0]! * p.w[0]!) + f(r[1]! * p.w[1]!)) + f(r[2]! * p.w[2]!)) + p.b));
}

export const fp32Input = (name: string, rows: number[][]) => ({ name, shape: [rows.length, rows[0]!.length], datatype: 'FP32', data: rows });
