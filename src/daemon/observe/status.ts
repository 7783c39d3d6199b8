import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { PoolStats, WorkerPools } from '../../pool/index.ts';
import type { ModelService } from '../models/model-service.ts';
import type { RequestStats, RouteFigures } from './request-stats.ts';

export interface StatusSnapshot {
  daemon: {
    version: string;
    startedAt: string;
    uptimeS: number;
    url: string;
    /** The file's name only: a full path tells a reader more about the host than it needs. */
    db: { file: string; bytes: number };
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
    state: 'ready' | 'fitting' | 'failed';
    lastFitMs: number | null;
    versions: number;
    readersWaiting: number;
    writersWaiting: number;
  }[];
  /** How many models there are; `models` holds at most a page of them (see snapshot). */
  modelsTotal: number;
  requests: RouteFigures[];
  /** Absent from daemons that predate ONNX serving. */
  onnx?: OnnxStatus;
}

/** ONNX serving: live sessions (per pool: they live in the forecast pool), open streams, queue per model. */
export interface OnnxStatus {
  sessions: { forecast: number };
  streams: { open: number; paused: number; inFlight: number; pending: number };
  /** Requests waiting for each model's lock or its batch. */
  queueDepth: Record<string, number>;
}

/** Models a snapshot lists by default: what a dashboard shows, and small at 100,000 models. */
export const SNAPSHOT_MODELS = 200;

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
  /** Set by the daemon once the ONNX services exist. */
  onnx: () => OnnxStatus = () => ({ sessions: { forecast: 0 }, streams: { open: 0, paused: 0, inFlight: 0, pending: 0 }, queueDepth: {} });

  constructor(
    private readonly version: string,
    private readonly dbPath: string,
    private readonly service: ModelService,
    private readonly pools: WorkerPools,
    private readonly requests: RequestStats,
  ) {}

  /** `page` picks which models it lists (by name); the other figures cover the whole daemon. */
  snapshot(page: { limit: number; offset: number } = { limit: SNAPSHOT_MODELS, offset: 0 }): StatusSnapshot {
    return {
      daemon: {
        version: this.version,
        startedAt: new Date(this.started).toISOString(),
        uptimeS: Math.round((Date.now() - this.started) / 1000),
        url: this.url,
        // The WAL file holds committed data not yet checkpointed into the main file: both count.
        db: { file: basename(this.dbPath), bytes: fileBytes(this.dbPath) + fileBytes(`${this.dbPath}-wal`) },
        eventClients: this.eventClients(),
      },
      pools: this.pools.stats(),
      modelsTotal: this.service.countModels(),
      models: this.service.listModels(page).map((m) => ({
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
      onnx: this.onnx(),
    };
  }
}
