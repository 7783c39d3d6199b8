import type { FastifyReply } from 'fastify';
import type { JobView } from './job-service.ts';

/** A request whose work became a job: 202, where to poll, and the job as it is now. */
export function sendAccepted(reply: FastifyReply, job: JobView): FastifyReply {
  return reply.code(202).header('location', `/v1/jobs/${job.id}`).send({ status: 'success', data: job });
}
