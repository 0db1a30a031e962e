// Presence in the browser client: a handle's setPresence, members' meta kept from memberUpdated,
// the users view grouped by user, and the presence set again after a reconnect.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { RoomsClient } from '../../main/resources/public/rooms.js';
import { FakeSocket, FakeTimers } from './fakes.js';

let timers;

function client() {
  return new RoomsClient({ url: 'ws://test/ws', WebSocket: FakeSocket, timers, random: () => 0.5 });
}

function member(id, user) {
  return user === undefined ? { id, name: `Name ${id}`, color: '#000000' } : { id, name: `Name ${id}`, color: '#000000', user };
}

beforeEach(() => {
  FakeSocket.reset();
  timers = new FakeTimers();
});

test('setPresence sends the room\'s presence, and memberUpdated keeps each member\'s meta', () => {
  const rooms = client();
  const lobby = rooms.enter('lobby');
  const socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends({ action: 'joined', room: 'lobby', id: 'me', name: 'Me', color: '#123456', recovered: false,
    members: [{ ...member('a'), meta: { away: true } }, member('me')] });
  assert.deepEqual(lobby.members[0].meta, { away: true }, 'joined carries the meta already set');
  const updates = [];
  lobby.on('memberUpdated', (m) => updates.push(m.meta));
  socket.sent.length = 0;

  lobby.setPresence({ typing: true });
  assert.deepEqual(socket.sent, [{ action: 'presence', room: 'lobby', data: { typing: true } }]);
  socket.serverSends({ action: 'memberUpdated', room: 'lobby', id: 'a', meta: { typing: true }, seq: 7 });
  assert.deepEqual(lobby.members.map((m) => m.meta), [{ typing: true }, undefined]);
  assert.equal(lobby.lastSeq, 7);
  socket.serverSends({ action: 'memberUpdated', room: 'lobby', id: 'a', meta: null, seq: 8 });
  assert.equal('meta' in lobby.members[0], false, 'cleared');
  assert.deepEqual(lobby.members.map((m) => m.id), ['a', 'me'], 'presence is not activity');
  assert.deepEqual(updates, [{ typing: true }, null]);
  assert.throws(() => lobby.setPresence('busy'), TypeError);
  assert.throws(() => lobby.setPresence([1]), TypeError);
});

test('users groups the members by user, an anonymous connection on its own', () => {
  const rooms = client();
  const lobby = rooms.enter('lobby');
  const socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends({ action: 'joined', room: 'lobby', id: 'me', name: 'Me', color: '#123456', recovered: false,
    members: [{ ...member('a1', 'ann'), meta: { tab: 1 } }, member('x'), { ...member('a2', 'ann'), meta: { tab: 2 } },
      member('y'), member('b1', 'bob')] });
  assert.deepEqual(lobby.users.map((u) => [u.user, u.members.map((m) => m.meta?.tab ?? m.id)]),
    [['ann', [1, 2]], [null, ['x']], [null, ['y']], ['bob', ['b1']]]);
});

test('a presence set while the socket is down is set once the room is back, and leaving ends it', () => {
  const rooms = client();
  const lobby = rooms.enter('lobby');
  let socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends({ action: 'joined', room: 'lobby', id: 'me', name: 'Me', color: '#123456', recovered: false,
    members: [member('me')], session: 's', seq: 3 });
  socket.serverCloses(1006);
  lobby.setPresence({ away: true });
  timers.advance(1000); // the first retry waits 500 ms with jitter
  socket = FakeSocket.last();
  socket.serverOpens();
  assert.deepEqual(socket.sent.filter((m) => m.action === 'presence'), [], 'not before the room is joined again');
  socket.serverSends({ action: 'joined', room: 'lobby', id: 'me', name: 'Me', color: '#123456', recovered: true,
    members: [member('me')], session: 's', seq: 3 });
  assert.deepEqual(socket.sent.filter((m) => m.action === 'presence'),
    [{ action: 'presence', room: 'lobby', data: { away: true } }], 'a resumed member starts with none: set again');
  lobby.leave();
  assert.equal(lobby.presence, null);
});
