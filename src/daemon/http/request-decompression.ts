import { Transform, type Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

const INFLATERS: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate };

/**
 * Request bodies sent with Content-Encoding gzip or deflate are inflated on the way in, on every route
 * that takes a body. The size limit counts the inflated bytes: the moment they pass it the inflater is
 * destroyed (a gzip bomb costs at most the limit plus one zlib chunk of memory, and no more CPU) and the
 * request gets 413. Corrupt data is a 400 naming the encoding; other encodings are a 415.
 */
export function installRequestDecompression(app: FastifyInstance, limitBytes: number): void {
  // A callback hook, not an async one: every request with a body passes here, and most have no encoding.
  app.addHook('preParsing', (req, _reply, payload, done) => {
    const header = req.headers['content-encoding'];
    if (header === undefined) return done(null, payload);
    const encoding = (Array.isArray(header) ? header.join(',') : header).trim().toLowerCase();
    if (encoding === '' || encoding === 'identity') return done(null, payload);
    const inflater = INFLATERS[encoding]?.();
    if (!inflater) {
      return done(ApiError.field('MODELAPI_ERR_UNSUPPORTED_MEDIA_TYPE', 'content-encoding', `'${encoding}' is not supported; send gzip, deflate or no encoding`));
    }
    done(null, bounded(payload, inflater, encoding, limitBytes));
  });
}

function bounded(payload: Readable, inflater: Transform, encoding: string, limit: number): Readable {
  let inflated = 0;
  const out = new Transform({
    transform(chunk: Buffer, _enc, done) {
      inflated += chunk.length;
      if (inflated > limit) {
        stop();
        return done(ApiError.field('MODELAPI_ERR_BODY_TOO_LARGE', 'body', `inflates to more than the daemon accepts (${limit} bytes, see --max-body)`));
      }
      done(null, chunk);
    },
  }) as Transform & { receivedEncodedLength: number };
  // Fastify compares Content-Length with the bytes that arrived, not with the inflated ones.
  out.receivedEncodedLength = 0;
  const count = (chunk: Buffer) => (out.receivedEncodedLength += chunk.length);
  const stop = () => {
    payload.off('data', count);
    payload.unpipe(inflater);
    inflater.destroy();
    // The rest of the upload is read and dropped, so the 413 can still be sent on this connection.
    payload.resume();
  };
  payload.on('data', count);
  inflater.on('error', (err) => {
    stop();
    out.destroy(ApiError.field('MODELAPI_ERR_INVALID_ENCODING', 'body', `is not valid ${encoding} data (${err.message})`));
  });
  payload.pipe(inflater).pipe(out);
  return out;
}
