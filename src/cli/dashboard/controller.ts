/**
 * The dashboard's data layer: the event stream and the HTTP calls feed the store; the view only reads
 * the store and calls the actions. Nothing here prints — ink owns the terminal while it runs.
 */
import { ApiClient } from '../client.ts';
import { SseClient } from '../live/sse-client.ts';
import { Store, realTimer, type Timer } from './store.ts';
import { initialState, type ChartData, type Snapshot } from './state.ts';
import type { Actions } from './app.tsx';

export interface Dashboard {
  store: Store;
  actions: Actions;
  start(): void;
  stop(): Promise<void>;
}

export function createDashboard(url: string, timer: Timer = realTimer): Dashboard {
  const store = new Store(initialState(url), timer);
  const api = new ApiClient(url);
  const now = () => timer.now();
  const sse = new SseClient(`${url}/v1/events`, {
    onOpen: () => store.dispatch({ type: 'open', at: now() }),
    onDown: (reason, attempt, retryInMs) => store.dispatch({ type: 'down', at: now(), reason, attempt, retryInMs }),
    onEvent: (ev) => {
      let data: unknown;
      try {
        data = JSON.parse(ev.data);
      } catch {
        return; // a malformed event is dropped rather than taking the dashboard down
      }
      if (ev.event === 'stats') store.dispatch({ type: 'stats', at: now(), snapshot: data as Snapshot });
      else store.dispatch({ type: 'event', at: now(), name: ev.event, data: (data ?? {}) as Record<string, unknown> });
    },
  });

  const quitting = new AbortController();
  // Only the latest chart request matters: an older answer arriving late must not replace a newer one.
  let chartSeq = 0;
  const actions: Actions = {
    reconnect: () => {
      store.dispatch({ type: 'note', at: now(), level: 'info', text: 'reconnecting (r)' });
      sse.reconnect();
    },
    refit: (model) => {
      store.dispatch({ type: 'note', at: now(), level: 'info', text: `fit again requested for ${model}` });
      api
        .call<{ version: number }>('POST', `/v1/models/${encodeURIComponent(model)}/refit`, undefined, {}, quitting.signal)
        .then((v) => v.version)
        .then((version) => store.dispatch({ type: 'note', at: now(), level: 'info', text: `fit again of ${model}: version ${version} ready` }))
        .catch((err: Error) => {
          if (!quitting.signal.aborted) store.dispatch({ type: 'note', at: now(), level: 'error', text: `fit again of ${model} failed: ${err.message}` });
        });
    },
    wantChart: ({ model, version, h, history }) => {
      const seq = ++chartSeq;
      const q = new URLSearchParams({ h: String(h), level: '95', history: String(history) });
      api
        .call<ChartData>('GET', `/v1/models/${encodeURIComponent(model)}/forecast?${q}`)
        .then((data) => seq === chartSeq && store.dispatch({ type: 'chart', chart: { data: { ...data, history: data.history ?? [] } } }))
        .catch((err: Error) => seq === chartSeq && store.dispatch({ type: 'chart', chart: { error: err.message, model } }));
      void version; // part of the request only so that a new version triggers a new call
    },
  };

  return {
    store,
    actions,
    start: () => sse.start(),
    async stop() {
      quitting.abort();
      await sse.stop();
      store.close();
    },
  };
}
