/**
 * The dashboard's data: everything the view draws, changed only by `reduce` (pure, so it is tested
 * without a terminal or a daemon). Times are epoch milliseconds carried by the actions.
 */
import type { StatusSnapshot } from '../../daemon/observe/status.ts';
import { formatMs } from './format.ts';

export type Snapshot = StatusSnapshot;
export type ModelRow = StatusSnapshot['models'][number];

export interface ChartData {
  model: string;
  version: number;
  kind: string;
  forecast: number[];
  intervals: { level: number; lower: number[]; upper: number[] }[];
  history: (number | null)[];
}

export type Connection =
  | { status: 'connecting' }
  | { status: 'open'; since: number }
  | { status: 'down'; reason: string; attempt: number; retryAt: number };

export interface LogEntry {
  at: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface DashState {
  url: string;
  connection: Connection;
  /** True once any connection succeeded: tells "no daemon yet" apart from "daemon went away". */
  everConnected: boolean;
  snapshot: Snapshot | null;
  selected: string | null;
  log: LogEntry[];
  chart: { data: ChartData } | { error: string; model: string } | null;
  /** When each model's running fit started, as seen by this dashboard. */
  fitStarts: Record<string, number>;
}

export type Action =
  | { type: 'open'; at: number }
  | { type: 'down'; at: number; reason: string; attempt: number; retryInMs: number }
  | { type: 'stats'; at: number; snapshot: Snapshot }
  | { type: 'event'; at: number; name: string; data: Record<string, unknown> }
  | { type: 'note'; at: number; level: LogEntry['level']; text: string }
  | { type: 'select'; delta: number }
  | { type: 'chart'; chart: DashState['chart'] };

export const LOG_CAP = 200;

export function initialState(url: string): DashState {
  return { url, connection: { status: 'connecting' }, everConnected: false, snapshot: null, selected: null, log: [], chart: null, fitStarts: {} };
}

export function reduce(s: DashState, a: Action): DashState {
  switch (a.type) {
    case 'open':
      return {
        ...s,
        connection: { status: 'open', since: a.at },
        everConnected: true,
        log: appendLog(s.log, { at: a.at, level: 'info', text: `${s.everConnected ? 'reconnected' : 'connected'} to ${s.url}` }),
      };
    case 'down': {
      const wasOpen = s.connection.status === 'open';
      const conn: Connection = { status: 'down', reason: a.reason, attempt: a.attempt, retryAt: a.at + a.retryInMs };
      // Only the first failure after a connection is news; repeated failed retries would flood the log.
      const log = wasOpen ? appendLog(s.log, { at: a.at, level: 'warn', text: `lost the daemon (${a.reason}); reconnecting` }) : s.log;
      return { ...s, connection: conn, log };
    }
    case 'stats':
      return withSnapshot(s, a.snapshot, a.at);
    case 'event':
      return withEvent(s, a.name, a.data, a.at);
    case 'note':
      return { ...s, log: appendLog(s.log, { at: a.at, level: a.level, text: a.text }) };
    case 'select':
      return { ...s, selected: moveSelection(s.snapshot?.models ?? [], s.selected, a.delta) };
    case 'chart':
      return { ...s, chart: a.chart };
  }
}

export function appendLog(log: LogEntry[], entry: LogEntry, cap = LOG_CAP): LogEntry[] {
  const next = log.length >= cap ? log.slice(log.length - cap + 1) : log.slice();
  next.push(entry);
  return next;
}

function moveSelection(models: readonly ModelRow[], selected: string | null, delta: number): string | null {
  if (models.length === 0) return selected;
  const at = models.findIndex((m) => m.name === selected);
  const next = at < 0 ? 0 : Math.min(models.length - 1, Math.max(0, at + delta));
  return models[next]!.name;
}

function withSnapshot(s: DashState, snap: Snapshot, at: number): DashState {
  const log =
    s.snapshot && s.snapshot.daemon.startedAt !== snap.daemon.startedAt
      ? appendLog(s.log, { at, level: 'warn', text: `the daemon restarted (started ${snap.daemon.startedAt})` })
      : s.log;
  // Fits that began before we connected have no fit.started event: time them from when we first saw them.
  const fitStarts: Record<string, number> = {};
  for (const m of snap.models) if (m.state === 'fitting') fitStarts[m.name] = s.fitStarts[m.name] ?? at;
  const selected = snap.models.some((m) => m.name === s.selected) ? s.selected : (snap.models[0]?.name ?? null);
  return { ...s, snapshot: snap, log, fitStarts, selected };
}

// A job's start and progress would crowd the log: the fit it runs logs its own start, and queued/finished say the rest.
const UNLOGGED = new Set(['job.started', 'job.progress']);

function withEvent(s: DashState, name: string, data: Record<string, unknown>, at: number): DashState {
  if (UNLOGGED.has(name)) return s;
  const model = String(data.model ?? '');
  let fitStarts = s.fitStarts;
  if (name === 'fit.started') fitStarts = { ...fitStarts, [model]: at };
  else if ((name === 'fit.finished' || name === 'fit.failed') && model in fitStarts) {
    fitStarts = { ...fitStarts };
    delete fitStarts[model];
  }
  const entry = describeEvent(name, data);
  return { ...s, fitStarts, log: appendLog(s.log, { at, ...entry }) };
}

/** One log line for a daemon event. */
export function describeEvent(name: string, d: Record<string, unknown>): Omit<LogEntry, 'at'> {
  const v = d.version == null ? '' : ` v${d.version}`;
  const kind = d.kind ? ` (${d.kind})` : '';
  switch (name) {
    case 'fit.queued':
      return { level: 'info', text: `fit queued    ${d.model}${kind}, ${d.ahead} ahead` };
    case 'fit.started':
      return { level: 'info', text: `fit started   ${d.model}${v}${kind}` };
    case 'fit.finished':
      return { level: 'info', text: `fit finished  ${d.model}${v}${kind} in ${formatMs(Number(d.ms))}${d.reused ? ' (reused)' : ''}` };
    case 'fit.failed':
      return { level: 'error', text: `fit failed    ${d.model}${v}${kind}: ${d.code} ${d.reason}` };
    case 'version.published':
      return { level: 'info', text: `published     ${d.model}${v}${kind}` };
    case 'job.queued':
      return { level: 'info', text: `job queued    ${d.type} ${d.model ?? ''} ${String(d.id).slice(0, 8)}` };
    case 'job.finished':
      return { level: d.state === 'failed' ? 'error' : 'info', text: `job ${d.state} ${d.type} ${d.model ?? ''} ${String(d.id).slice(0, 8)}${d.code ? `: ${d.code}` : ''}` };
    case 'forecast.waited':
      return { level: 'info', text: `forecast of ${d.model}${v} waited ${formatMs(Number(d.ms))} for a fit` };
    default:
      return { level: 'info', text: `${name} ${JSON.stringify(d)}` };
  }
}
