import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);
/** Below this a compressed body saves less than the work costs (the compress plugin's threshold too). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Route options for routes that answer with sendCompressible: the compress plugin's hooks stay off them
 * (they would find the body already encoded or below the threshold, at ~5 µs a request on the hottest
 * route), and their small error answers go uncompressed.
 */
export const OWN_COMPRESSION = { compress: false } as const;

/** An answer text that can keep its own gzip form, made once (off the event loop) and reused. */
export interface CompressibleText {
  body: string;
  /** The body as UTF-8 bytes, encoded on the first send and reused. */
  bytes?: Buffer;
  gzipped?: Promise<Buffer>;
  gzippedBytes?: Buffer;
}

export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  return text.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return (name === 'gzip' || name === '*') && (q === undefined || Number(q) > 0);
  });
}

/** Sends a cached answer, encoded for the client (encodedFor). */
export async function sendCompressible(req: FastifyRequest, reply: FastifyReply<any>, answer: CompressibleText): Promise<FastifyReply<any>> {
  const { bytes, gzipped } = await encodedFor(answer, req.headers['accept-encoding']);
  return reply.headers(encodedHeaders(gzipped)).send(bytes as never);
}

/**
 * The bytes to send of an answer for this client: gzipped when it accepts gzip and the body is large,
 * compressed the first time only (off the event loop), otherwise the UTF-8 bytes, encoded the first time
 * only — every later send of the same cache entry sends the same buffer.
 */
export async function encodedFor(answer: CompressibleText, acceptEncoding: string | string[] | undefined): Promise<{ bytes: Buffer; gzipped: boolean }> {
  if (answer.body.length < COMPRESS_FROM_BYTES || !acceptsGzip(acceptEncoding)) {
    // Bytes, not the string: a string is encoded to UTF-8 again on every write (writev was the largest
    // cost of a cached 46 KB answer under load); a Buffer goes to the socket as it is.
    answer.bytes ??= Buffer.from(answer.body);
    return { bytes: answer.bytes, gzipped: false };
  }
  answer.gzipped ??= gzipAsync(answer.body).then((bytes) => (answer.gzippedBytes = bytes));
  return { bytes: await answer.gzipped, gzipped: true };
}

/** The headers of a cached answer besides its length, gzipped or not (also sent by http/plain-forecasts.ts). */
export const encodedHeaders = (gzipped: boolean): Readonly<Record<string, string>> => (gzipped ? GZIPPED : PLAIN);

const PLAIN = Object.freeze({ 'content-type': 'application/json; charset=utf-8' });
const GZIPPED = Object.freeze({ ...PLAIN, 'content-encoding': 'gzip', vary: 'accept-encoding' });

/**
 * The bytes encodedFor would give for this answer and client, if they are made already (the first send
 * of each form makes them); undefined otherwise.
 */
export function readyBytes(answer: CompressibleText, acceptEncoding: string | string[] | undefined): { bytes: Buffer; gzipped: boolean } | undefined {
  if (answer.body.length < COMPRESS_FROM_BYTES || !acceptsGzip(acceptEncoding)) return answer.bytes && { bytes: answer.bytes, gzipped: false };
  return answer.gzippedBytes && { bytes: answer.gzippedBytes, gzipped: true };
}
