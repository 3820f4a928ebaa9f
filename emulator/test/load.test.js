// A short run of `npm run load`: concurrent guest chats with agents on loopback, bounded in count and time; every
// message comes back on its visitor's event stream exactly once and is in the emulator's log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runLoad } from '../../bench/load.mjs';

test('30 concurrent chats exchange 10 messages each with nothing lost or doubled', async () => {
  const figures = await runLoad({ chats: 30, messagesPerChat: 10, agents: 5, timeLimitMs: 30_000 });
  assert.equal(figures.messages, 300);
  assert.equal(figures.logged, 300);
  assert.equal(figures.lost, 0);
  assert.equal(figures.duplicated, 0);
});
