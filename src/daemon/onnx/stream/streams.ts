/** Inference streams, summed over sockets, for the dashboard, the status and /metrics. */
export class StreamCounts {
  open = 0;
  /** Streams not being read because their client is not reading the replies. */
  paused = 0;
  /** Requests being answered. */
  inFlight = 0;
  /** Requests read before a pause took effect, waiting for the stream to resume. */
  pending = 0;
}
