import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VisibleStates } from '../../src/daemon/models/visible-states.ts';
import type { VersionSummary } from '../../src/store/index.ts';

const state = (nObs: number, version = 1) => ({ model: 'm', version, nObs }) as VersionSummary;

/** Marks on disk up to `durableAt`, as WalSync counts them. */
function states() {
  const disk = { durableAt: 0 };
  return { disk, visible: new VisibleStates((mark) => mark <= disk.durableAt) };
}

test('a forecast uses the newest appended state on disk, never one still waiting for its fsync', () => {
  const { disk, visible } = states();
  const s0 = state(100), s1 = state(101), s2 = state(102), s3 = state(103);
  visible.appended(s0, s1, 1);
  visible.appended(s1, s2, 2);
  visible.appended(s2, s3, 3);
  assert.equal(visible.visible(s3), s0, 'nothing appended is on disk yet');
  disk.durableAt = 1;
  assert.equal(visible.visible(s3), s1, 'the first append was acknowledged: forecasts include it');
  disk.durableAt = 2;
  assert.equal(visible.visible(s3), s2);
  disk.durableAt = 3;
  assert.equal(visible.visible(s3), s3);
  assert.equal(visible.visible(s3), s3, 'and stays so once everything is on disk');
});

test('a published version is visible at once, whatever appends before it are unsynced', () => {
  const { visible } = states();
  visible.appended(state(100), state(101), 5);
  visible.published('m', 6);
  const published = state(101, 2);
  assert.equal(visible.visible(published), published);
  assert.equal(visible.answerMark('m'), 6, "its forecasts' answers wait for the publish to be on disk");
  visible.deleted('m');
  assert.equal(visible.answerMark('m'), undefined, 'a deleted model is forgotten: the caller waits for everything');
});

test('appends to a model no one forecasts keep only the unsynced states', () => {
  const { disk, visible } = states();
  let prev = state(0);
  for (let i = 1; i <= 1000; i++) {
    const next = state(i);
    disk.durableAt = i - 1; // each append's fsync has finished when the next one commits
    visible.appended(prev, next, i);
    prev = next;
  }
  const pending = (visible as unknown as { pending: Map<string, { appended: unknown[] }> }).pending.get('m');
  assert.equal(pending?.appended.length, 1, 'only the newest append is still waiting');
  assert.equal(visible.visible(prev).nObs, 999);
});
