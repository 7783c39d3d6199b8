import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendJsonText } from './send-json-text.ts';

const gzipAsync = promisify(gzip);
/** Below this a compressed body saves less than the work costs (the compress plugin's threshold too). */
const COMPRESS_FROM_BYTES = 1024;

/** An answer text that can keep its own gzip form, made once (off the event loop) and reused. */
export interface CompressibleText {
  body: string;
  gzipped?: Promise<Buffer>;
}

export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : header ?? '';
  return text.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return (name === 'gzip' || name === '*') && (q === undefined || Number(q) > 0);
  });
}

/**
 * Sends a cached answer: as gzip bytes when the client accepts them and the body is large, compressed
 * the first time only — every later hit of the same cache entry sends the same buffer.
 */
export async function sendCompressible(req: FastifyRequest, reply: FastifyReply<any>, answer: CompressibleText): Promise<FastifyReply<any>> {
  if (answer.body.length < COMPRESS_FROM_BYTES || !acceptsGzip(req.headers['accept-encoding'])) return sendJsonText(reply, answer.body);
  answer.gzipped ??= gzipAsync(answer.body);
  const bytes = await answer.gzipped;
  return reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding').type('application/json; charset=utf-8').send(bytes as never);
}
