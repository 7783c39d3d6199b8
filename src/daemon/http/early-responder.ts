import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers a request before Fastify sees it, or returns false and leaves it to Fastify. A responder that
 * took a request may still give it to Fastify later, once, through `fallback` (it must not have written
 * anything then). The app's server factory (app.ts) puts the responders in front of Fastify's handler,
 * for the requests whose routing, hooks and reply cost more than their answer: http/plain-forecasts.ts
 * and onnx/oip/early-infer.ts.
 */
export type EarlyResponder = (req: IncomingMessage, res: ServerResponse, fallback: () => void) => boolean;
