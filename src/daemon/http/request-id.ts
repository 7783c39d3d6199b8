import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';

/** Client request ids are echoed in logs and events: only short, plain ones are kept. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * A request's id: the client's X-Request-Id when it is short and plain (so a client can correlate its
 * request with the events it sees on /v1/events), else a new one; anything else is replaced, never echoed.
 */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const id = headers['x-request-id'];
  return typeof id === 'string' && REQUEST_ID.test(id) ? id : randomUUID();
}
