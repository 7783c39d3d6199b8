import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store, type Timer } from '../../src/cli/dashboard/store.ts';
import { LOG_CAP, initialState } from '../../src/cli/dashboard/state.ts';

/** A clock that moves only when told to, firing due timers in order. */
function fakeTimer() {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const timer: Timer = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = until;
  };
  return { timer, advance, pending: () => timers.size };
}

const event = (i: number) => ({ type: 'event' as const, at: i, name: 'forecast.waited', data: { model: 'm', version: 1, ms: i } });

test('thousands of events in a burst cost one notification, at most one per interval', () => {
  const { timer, advance, pending } = fakeTimer();
  const store = new Store(initialState('http://x'), timer, 100);
  let renders = 0;
  store.subscribe(() => renders++);

  for (let i = 0; i < 5000; i++) store.dispatch(event(i));
  assert.equal(renders, 0, 'nothing drawn before the timer fires');
  assert.equal(pending(), 1, 'one timer for the whole burst');
  advance(0);
  assert.equal(renders, 1);
  assert.equal(store.getState().log.length, LOG_CAP);
  assert.equal(store.getState().log.at(-1)!.at, 4999);

  // A steady stream of one event a millisecond for two seconds: ~10 redraws a second, not 2000.
  for (let ms = 0; ms < 2000; ms++) {
    store.dispatch(event(10_000 + ms));
    advance(1);
  }
  advance(200);
  assert.ok(renders - 1 <= 21 && renders - 1 >= 19, `renders: ${renders - 1}`);
  assert.equal(store.getState().log.at(-1)!.at, 10_000 + 1999, 'nothing lost, only coalesced');
  assert.equal(pending(), 0, 'no timer left once idle');
});

test('a key press is applied at once and takes queued events with it', () => {
  const { timer } = fakeTimer();
  const store = new Store(initialState('http://x'), timer, 100);
  let renders = 0;
  store.subscribe(() => renders++);
  store.dispatch(event(1));
  store.dispatchNow({ type: 'select', delta: 1 });
  assert.equal(renders, 1);
  assert.equal(store.getState().log.length, 1);
  store.close();
});
