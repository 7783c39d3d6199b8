import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendAccepted, type JobService } from '../jobs/index.ts';
import { fingerprint, type Answer, type IdempotencyService } from './idempotency-service.ts';

export interface IdempotentRoutes {
  idempotency: IdempotencyService;
  jobs: JobService;
}

/**
 * Runs a route's work under its Idempotency-Key (if the request has one) and sends the answer: a
 * replay says so in `Idempotent-Replayed`, and a replayed 202 shows its job as it is now.
 */
export async function sendIdempotent(req: FastifyRequest, reply: FastifyReply, deps: IdempotentRoutes, model: string, work: () => Promise<Answer>): Promise<FastifyReply> {
  const header = req.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  // The fingerprint hashes the whole body: only requests that carry a key pay for it.
  const print = () => fingerprint(`${req.method} ${req.routeOptions.url}`, req.query, req.body);
  const answer = await deps.idempotency.run(model, key, print, work);
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  const job = answer.jobId === undefined ? undefined : deps.jobs.get(answer.jobId);
  if (job) return sendAccepted(reply, job);
  return reply.code(answer.status).send(answer.body);
}

/** The 202 answer of work that became a job. */
export function acceptedAnswer(job: { id: string }): Answer {
  return { status: 202, body: { status: 'success', data: job }, jobId: job.id };
}
