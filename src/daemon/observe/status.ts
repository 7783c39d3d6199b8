import { statSync } from 'node:fs';
import type { PoolStats, WorkerPools } from '../../pool/index.ts';
import type { ModelService } from '../models/model-service.ts';
import type { RequestStats, RouteFigures } from './request-stats.ts';

export interface StatusSnapshot {
  daemon: {
    version: string;
    startedAt: string;
    uptimeS: number;
    url: string;
    db: { path: string; bytes: number };
    /** Clients connected to /v1/events. */
    eventClients: number;
  };
  // bulk: absent from daemons older than bulk fits; the dashboard shows it only when it is in use.
  pools: { fit: PoolStats; forecast: PoolStats; bulk?: PoolStats };
  models: {
    name: string;
    currentVersion: number | null;
    kind: string | null;
    spec: unknown;
    state: 'ready' | 'fitting';
    lastFitMs: number | null;
    versions: number;
    readersWaiting: number;
    writersWaiting: number;
  }[];
  requests: RouteFigures[];
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Builds the snapshot that GET /v1/status returns and the event stream sends every second. */
export class StatusReporter {
  private readonly started = Date.now();
  url = '';
  /** Set once the event stream exists (it needs this reporter first). */
  eventClients: () => number = () => 0;

  constructor(
    private readonly version: string,
    private readonly dbPath: string,
    private readonly service: ModelService,
    private readonly pools: WorkerPools,
    private readonly requests: RequestStats,
  ) {}

  snapshot(): StatusSnapshot {
    return {
      daemon: {
        version: this.version,
        startedAt: new Date(this.started).toISOString(),
        uptimeS: Math.round((Date.now() - this.started) / 1000),
        url: this.url,
        // The WAL file holds committed data not yet checkpointed into the main file: both count.
        db: { path: this.dbPath, bytes: fileBytes(this.dbPath) + fileBytes(`${this.dbPath}-wal`) },
        eventClients: this.eventClients(),
      },
      pools: this.pools.stats(),
      models: this.service.listModels().map((m) => ({
        name: m.name,
        currentVersion: m.currentVersion,
        kind: m.kind,
        spec: m.spec,
        state: m.state,
        lastFitMs: m.fitMs,
        versions: m.versions,
        readersWaiting: m.lock.readersWaiting,
        writersWaiting: m.lock.writersWaiting,
      })),
      requests: this.requests.snapshot(),
    };
  }
}
