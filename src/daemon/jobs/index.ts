export { JobService } from './job-service.ts';
export type { JobContext, JobSpec, JobView, JobLimits } from './job-service.ts';
export { acceptedBody, jobLocation, sendAccepted } from './accepted.ts';
export { jobRoutes } from './routes.ts';
