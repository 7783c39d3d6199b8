import type { FastifyReply } from 'fastify';

/**
 * Sends text that is already a JSON document: Fastify passes a string with a JSON content type through
 * untouched. The cast is needed because the route's typed reply only admits the schema's object shape.
 */
export function sendJsonText(reply: FastifyReply<any>, text: string): FastifyReply<any> {
  return reply.type('application/json; charset=utf-8').send(text as never);
}
