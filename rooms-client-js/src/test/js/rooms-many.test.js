// Several rooms over one socket: room handles from enter(), each with its members, numbering,
// handlers and status, resumed together after a reconnect.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { RoomsClient } from '../../main/resources/public/rooms.js';
import { FakeSocket, FakeTimers } from './fakes.js';

let timers;

function client(options = {}) {
  return new RoomsClient({ url: 'ws://test/ws', WebSocket: FakeSocket, timers, random: () => 0.5, ...options });
}

function joined(room, members, extra = {}) {
  return { action: 'joined', room, id: 'me', name: 'Me', color: '#123456', recovered: false,
    members: members.map((m) => ({ id: m, name: `Name ${m}`, color: '#000000' })), ...extra };
}

beforeEach(() => {
  FakeSocket.reset();
  timers = new FakeTimers();
});

test('two rooms over one socket: each join is sent once open, and each handle sees only its own room', () => {
  const rooms = client();
  const lobby = rooms.enter('lobby', { profile: { name: 'Ann' } });
  const game = rooms.enter('game');
  assert.equal(rooms.enter('lobby'), lobby, 'entering a room again gives the same handle');
  assert.equal(FakeSocket.instances.length, 1);
  const socket = FakeSocket.last();
  socket.serverOpens();
  assert.deepEqual(socket.sent, [
    { action: 'join', room: 'lobby', data: { name: 'Ann' } },
    { action: 'join', room: 'game' },
  ]);
  const inLobby = [];
  const inGame = [];
  const everywhere = [];
  lobby.on('talkToRoom', (m) => inLobby.push(m.data));
  game.on('talkToRoom', (m) => inGame.push(m.data));
  rooms.on('talkToRoom', (m) => everywhere.push(m.data));
  socket.serverSends(joined('lobby', ['a', 'me'], { session: 's', seq: 4 }));
  socket.serverSends(joined('game', ['me', 'b'], { session: 's', seq: 9 }));
  socket.serverSends({ action: 'talkToRoom', room: 'game', from: 'b', data: 'g1', seq: 10 });
  socket.serverSends({ action: 'talkToRoom', room: 'lobby', from: 'me', data: 'l1', seq: 5 });
  assert.deepEqual(inLobby, ['l1']);
  assert.deepEqual(inGame, ['g1']);
  assert.deepEqual(everywhere, ['g1', 'l1']);
  assert.deepEqual(lobby.members.map((m) => m.id), ['me', 'a']);
  assert.deepEqual(game.members.map((m) => m.id), ['b', 'me'], 'activity is per room');
  assert.equal(lobby.status, 'joined');
  assert.deepEqual([lobby.lastSeq, game.lastSeq], [5, 10]);
  assert.deepEqual(rooms.rooms.map((r) => r.name), ['lobby', 'game']);
});

test('a handle sends to its room, with a ref kept until acked, and request() resolves per message', async () => {
  const rooms = client();
  const lobby = rooms.enter('lobby');
  const game = rooms.enter('game');
  const socket = FakeSocket.last();
  socket.serverOpens();
  lobby.talk('hello');
  game.send('move', { x: 1 }, { to: 'b' });
  game.send('cursor', { x: 2 }, { volatile: true });
  const asked = game.request('roll', null);
  assert.deepEqual(socket.sent.slice(2), [
    { action: 'talkToRoom', room: 'lobby', data: 'hello', ref: 'c1' },
    { action: 'move', room: 'game', data: { x: 1 }, to: 'b', ref: 'c2' },
    { action: 'cursor', room: 'game', data: { x: 2 } },
    { action: 'roll', room: 'game', data: null, ref: 'c3' },
  ]);
  socket.serverSends({ action: 'ack', ref: 'c3' });
  assert.equal(await asked, 'c3');
  assert.deepEqual(rooms.pending.map((m) => m.ref), ['c1', 'c2']);
});

test('after a reconnect every room is resumed from its own last number, then the unacked messages follow', () => {
  const rooms = client();
  const lobby = rooms.enter('lobby');
  const game = rooms.enter('game');
  const statuses = [];
  game.on('status', (s) => statuses.push(s));
  let socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends(joined('lobby', ['me'], { session: 's-1', seq: 4 }));
  socket.serverSends(joined('game', ['me'], { session: 's-1', seq: 9 }));
  socket.serverSends({ action: 'talkToRoom', room: 'game', from: 'b', data: 'g', seq: 12 });
  lobby.talk('in the cut');
  socket.serverDrops();
  timers.advance(500);
  socket = FakeSocket.last();
  socket.serverOpens();
  assert.deepEqual(socket.sent, [
    { action: 'join', room: 'lobby', resume: { session: 's-1', seq: 4 } },
    { action: 'join', room: 'game', resume: { session: 's-1', seq: 12 } },
    { action: 'talkToRoom', room: 'lobby', data: 'in the cut', ref: 'c1' },
  ]);
  socket.serverSends(joined('lobby', ['me'], { session: 's-1', seq: 20, recovered: true }));
  socket.serverSends(joined('game', ['me'], { session: 's-1', seq: 30, recovered: false }));
  assert.deepEqual([lobby.recovered, game.recovered], [true, false], 'recovered is reported per room');
  assert.deepEqual([lobby.lastSeq, game.lastSeq], [4, 30]);
  assert.deepEqual(statuses, ['joined', 'joining', 'joined']);
});

test('leaving one room keeps the others; leaving the last ends the session, so nothing is resumed after', () => {
  const rooms = client();
  const lobby = rooms.enter('lobby');
  const game = rooms.enter('game');
  let socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends(joined('lobby', ['me'], { session: 's-1', seq: 1 }));
  socket.serverSends(joined('game', ['me'], { session: 's-1', seq: 1 }));
  game.leave();
  assert.deepEqual(socket.sent.at(-1), { action: 'leave', room: 'game' });
  assert.equal(game.status, 'left');
  assert.deepEqual(rooms.rooms, [lobby]);
  socket.serverSends({ action: 'talkToRoom', room: 'game', from: 'b', data: 'late', seq: 2 });
  assert.deepEqual(game.members, []);
  lobby.leave();
  socket.serverDrops();
  timers.advance(500);
  socket = FakeSocket.last();
  socket.serverOpens();
  assert.deepEqual(socket.sent, [], 'no room to ask for');
  rooms.enter('lobby');
  assert.deepEqual(socket.sent, [{ action: 'join', room: 'lobby' }], 'a fresh join: the session ended with the last room');
});

test('a refused join leaves the other rooms, and the refused room is not asked for again', () => {
  const rooms = client();
  const lobby = rooms.enter('lobby');
  const extra = rooms.enter('extra');
  const full = rooms.enter('full');
  const socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends(joined('lobby', ['me'], { session: 's', seq: 1 }));
  socket.serverSends({ action: 'error', code: 'too_many_rooms', room: 'extra', message: 'at most 1 rooms' });
  socket.serverSends({ action: 'roomFull', room: 'full', max: 2 });
  assert.deepEqual([lobby.status, extra.status, full.status], ['joined', 'refused', 'refused']);
  assert.deepEqual(rooms.rooms, [lobby]);
  socket.serverDrops();
  timers.advance(500);
  FakeSocket.last().serverOpens();
  assert.deepEqual(FakeSocket.last().sent.map((m) => m.room), ['lobby']);
});

test('requestState in a room is answered by that room\'s state, or else the client\'s', () => {
  const rooms = client({ state: () => 'client-wide' });
  rooms.enter('board', { state: () => ({ words: 3 }) });
  rooms.enter('chat');
  const socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends({ action: 'requestState', room: 'board', for: 'n1' });
  socket.serverSends({ action: 'requestState', room: 'chat', for: 'n2' });
  assert.deepEqual(socket.sent.slice(2), [
    { action: 'state', room: 'board', for: 'n1', data: { words: 3 } },
    { action: 'state', room: 'chat', for: 'n2', data: 'client-wide' },
  ]);
});

test('the single-room join() leaves every room; beside entered rooms its sends name its room', () => {
  const rooms = client();
  const side = rooms.enter('side');
  rooms.join('main');
  assert.equal(side.status, 'left');
  const socket = FakeSocket.last();
  socket.serverOpens();
  assert.deepEqual(socket.sent, [{ action: 'newClient', room: 'main' }]);
  socket.serverSends(joined('main', ['me'], { session: 's', seq: 1 }));
  rooms.talk('only room: no name needed');
  const notes = rooms.enter('notes');
  socket.serverSends(joined('notes', ['me'], { session: 's', seq: 1 }));
  rooms.talk('two rooms: named');
  assert.deepEqual(socket.sent.slice(1).map((m) => [m.action, m.room]), [
    ['talkToRoom', undefined], ['join', 'notes'], ['talkToRoom', 'main']]);
  assert.equal(rooms.room, 'main');
  socket.serverSends({ action: 'removed', room: 'notes' });
  assert.equal(notes.status, 'removed');
  assert.equal(rooms.room, 'main', 'removed from one room, still in the other');
});

test('a reconnect sends the single-room newClient first, since it leaves every room, then the entered ones', () => {
  const rooms = client();
  rooms.join('main');
  rooms.enter('side');
  FakeSocket.last().serverOpens();
  assert.deepEqual(FakeSocket.last().sent.map((m) => m.action), ['newClient', 'join']);
});

test('a join() message queued while in one room names that room once it goes out beside another', () => {
  const rooms = client();
  rooms.join('lobby');
  rooms.talk({ text: 'hello' });
  rooms.enter('table');
  FakeSocket.last().serverOpens();
  assert.deepEqual(FakeSocket.last().sent, [
    { action: 'newClient', room: 'lobby' },
    { action: 'join', room: 'table' },
    { action: 'talkToRoom', room: 'lobby', data: { text: 'hello' }, ref: 'c1' },
  ]);
  assert.deepEqual(rooms.pending, [{ action: 'talkToRoom', data: { text: 'hello' }, ref: 'c1' }]);
});
