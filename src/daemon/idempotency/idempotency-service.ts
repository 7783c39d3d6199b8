import { createHash } from 'node:crypto';
import type { IdempotencyStore } from '../../store/index.ts';
import { ApiError } from '../errors.ts';
import { canonical } from '../models/series-input.ts';

/** A route's answer as it is sent: status and JSend body, or (202) the job a retry must get again. */
export interface Answer {
  status: number;
  body: unknown;
  jobId?: string;
  /** True when this is a retry's copy of the first answer. */
  replayed?: boolean;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const SWEEP_MS = 60_000;

/** What makes two requests "the same": the route, its query and its body (parsed, so encoding is irrelevant). */
export function fingerprint(route: string, query: unknown, body: unknown): string {
  return createHash('sha256').update(`${route}\n${canonical(query ?? {})}\n${canonical(body ?? null)}`).digest('hex');
}

/**
 * Idempotency-Key, per model: the first successful answer to a key is stored (in SQLite, so it outlives
 * a restart) and replayed to every retry with the same request until it expires; a retry that arrives
 * while the first is still running waits for it. The same key with another request is a 422. Errors are
 * not stored: a refused request changed nothing, so its retry is simply checked again, and a 5xx
 * (lock wait, queue full) is worth retrying for real.
 */
export class IdempotencyService {
  private readonly running = new Map<string, { fingerprint: string; answer: Promise<Answer> }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly ttlMs: number,
  ) {
    this.sweeper = setInterval(() => store.deleteExpired(new Date().toISOString()), SWEEP_MS).unref();
  }

  /** `fingerprintOf` is called only when there is a key. */
  async run(model: string, key: string | undefined, fingerprintOf: () => string, work: () => Promise<Answer>): Promise<Answer> {
    if (key === undefined) return work();
    const print = fingerprintOf();
    if (!KEY.test(key)) throw ApiError.field('MODELAPI_ERR_VALIDATION', 'Idempotency-Key', 'must be 1 to 255 visible ASCII characters');
    const id = `${model}\0${key}`;
    const first = this.running.get(id);
    if (first) {
      this.checkSame(key, first.fingerprint, print);
      return { ...(await first.answer), replayed: true };
    }
    const stored = this.store.get(model, key, new Date().toISOString());
    if (stored) {
      this.checkSame(key, stored.fingerprint, print);
      return { status: stored.status, body: JSON.parse(stored.body), ...(stored.jobId ? { jobId: stored.jobId } : {}), replayed: true };
    }
    const answer = work().then((a) => {
      if (a.status < 300) {
        const expires = new Date(Date.now() + this.ttlMs).toISOString();
        this.store.put(model, key, { fingerprint: print, status: a.status, body: JSON.stringify(a.body), jobId: a.jobId ?? null }, expires);
      }
      return a;
    });
    this.running.set(id, { fingerprint: print, answer });
    try {
      return await answer;
    } finally {
      this.running.delete(id);
    }
  }

  private checkSame(key: string, stored: string, print: string): void {
    if (stored !== print) {
      throw ApiError.field('MODELAPI_ERR_IDEMPOTENCY_MISMATCH', 'Idempotency-Key', `'${key}' was first used with a different request to this model; use a new key for a new request`);
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
