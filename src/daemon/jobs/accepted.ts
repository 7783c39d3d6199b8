import type { FastifyReply } from 'fastify';
import type { JobView } from './job-service.ts';

/** Where a job's client polls for it. */
export const jobLocation = (job: JobView): string => `/v1/jobs/${job.id}`;

/** The body of a 202: the job as it is now. */
export const acceptedBody = (job: JobView) => ({ status: 'success' as const, data: job });

/** A request whose work became a job: 202, where to poll, and the job as it is now. */
export function sendAccepted(reply: FastifyReply, job: JobView): FastifyReply {
  return reply.code(202).header('location', jobLocation(job)).send(acceptedBody(job));
}
