import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { RoomsClient, defaultUrl } from '../../main/resources/public/rooms.js';
import { FakeSocket, FakeTimers } from './fakes.js';

let timers;

function client(options = {}) {
  return new RoomsClient({ url: 'ws://test/ws', WebSocket: FakeSocket, timers, random: () => 0.5, ...options });
}

function joinedMessage(id, members) {
  return { action: 'joined', room: 'lobby', id, name: `Name ${id}`, color: '#123456',
    members: members.map((m) => ({ id: m, name: `Name ${m}`, color: '#000000' })) };
}

beforeEach(() => {
  FakeSocket.reset();
  timers = new FakeTimers();
});

test('the default URL follows the page: ws for http, wss for https', () => {
  assert.equal(defaultUrl({ protocol: 'http:', host: 'example.com:7070' }), 'ws://example.com:7070/ws');
  assert.equal(defaultUrl({ protocol: 'https:', host: 'example.com' }), 'wss://example.com/ws');
});

test('joining sends newClient once open and reports connecting then connected', () => {
  const rooms = client();
  const statuses = [];
  rooms.on('status', (s) => statuses.push(s));
  rooms.join('lobby', { name: 'Ada' });
  assert.deepEqual(FakeSocket.last().sent, []);
  FakeSocket.last().serverOpens();
  assert.deepEqual(FakeSocket.last().sent, [{ action: 'newClient', room: 'lobby', data: { name: 'Ada' } }]);
  assert.deepEqual(statuses, ['connecting', 'connected']);
});

test('joined gives the id and the members; presence keeps them current in activity order', () => {
  const rooms = client().connect();
  const socket = FakeSocket.last();
  socket.serverOpens();
  rooms.join('lobby');
  socket.serverSends(joinedMessage('me', ['a', 'b', 'me']));
  assert.equal(rooms.id, 'me');
  assert.deepEqual(rooms.members.map((m) => m.id), ['a', 'b', 'me']);
  socket.serverSends({ action: 'memberJoined', room: 'lobby', id: 'c', name: 'C', color: '#111111' });
  socket.serverSends({ action: 'talkToRoom', room: 'lobby', from: 'b', data: 'hi' });
  assert.deepEqual(rooms.members.map((m) => m.id), ['b', 'a', 'me', 'c']);
  socket.serverSends({ action: 'move', room: 'lobby', from: 'c', data: { x: 1 } });
  socket.serverSends({ action: 'memberLeft', room: 'lobby', id: 'a' });
  assert.deepEqual(rooms.members.map((m) => m.id), ['c', 'b', 'me']);
  rooms.talk('my turn');
  assert.deepEqual(rooms.members.map((m) => m.id), ['me', 'c', 'b']);
});

test('send, talk and echo put the right JSON on the wire, with to for direct messages', () => {
  const rooms = client().connect();
  FakeSocket.last().serverOpens();
  rooms.send('move', { word: 'sky' });
  rooms.talk('hello', { to: 'b' });
  rooms.echo(42);
  rooms.send('moving', { x: 1 }, { volatile: true });
  assert.deepEqual(FakeSocket.last().sent, [
    { action: 'move', data: { word: 'sky' }, ref: 'c1' },
    { action: 'talkToRoom', data: 'hello', to: 'b', ref: 'c2' },
    { action: 'echo', data: 42, ref: 'c3' },
    { action: 'moving', data: { x: 1 } },
  ]);
});

test('handlers get messages by action and can unsubscribe', () => {
  const rooms = client().connect();
  const socket = FakeSocket.last();
  socket.serverOpens();
  const got = [];
  const off = rooms.on('move', (m) => got.push(m.data));
  socket.serverSends({ action: 'move', from: 'x', data: 1 });
  off();
  socket.serverSends({ action: 'move', from: 'x', data: 2 });
  assert.deepEqual(got, [1]);
});

test('requestState is answered from the state provider, for that newcomer', () => {
  const board = { words: [{ word: 'sky', x: 10, y: 20 }] };
  client({ state: () => board }).join('lobby');
  const socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends({ action: 'requestState', room: 'lobby', for: 'newbie' });
  assert.deepEqual(socket.sent.at(-1), { action: 'state', room: 'lobby', for: 'newbie', data: board },
    'the answer names its room, which the server needs once the client is in several');
});

test('after a drop it reconnects with backoff from 500 ms doubling to a 10 s cap', () => {
  const rooms = client();
  const statuses = [];
  rooms.on('status', (s) => statuses.push(s));
  rooms.connect();
  FakeSocket.last().serverOpens();
  FakeSocket.last().serverDrops();
  const delays = [];
  for (let i = 0; i < 8; i++) {
    delays.push(timers.pendingDelays()[0]);
    const before = FakeSocket.instances.length;
    timers.advance(delays[i] - 1);
    assert.equal(FakeSocket.instances.length, before, 'no reconnect before the delay');
    timers.advance(1);
    assert.equal(FakeSocket.instances.length, before + 1);
    FakeSocket.last().refused();
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  assert.equal(rooms.status, 'reconnecting');
  assert.deepEqual(statuses, ['connecting', 'connected', 'reconnecting']);
});

test('the delay has jitter, so many clients do not come back in step', () => {
  const low = client({ random: () => 0 });
  low.connect();
  FakeSocket.last().refused();
  const high = client({ random: () => 0.999 });
  high.connect();
  FakeSocket.last().refused();
  const [first, second] = timers.pendingDelays();
  assert.ok(first >= 375 && first < 500, `low jitter ${first}`);
  assert.ok(second > 500 && second <= 625, `high jitter ${second}`);
});

test('a server that is down from the start is retried with backoff, not in a storm', () => {
  const rooms = client();
  rooms.connect();
  FakeSocket.last().refused();
  assert.equal(FakeSocket.instances.length, 1);
  assert.deepEqual(timers.pendingDelays(), [500]);
  assert.equal(rooms.status, 'reconnecting');
});

test('after reconnecting it rejoins its room, then sends what was queued, and drops volatile sends', () => {
  const rooms = client();
  rooms.join('lobby');
  FakeSocket.last().serverOpens();
  FakeSocket.last().serverDrops();
  rooms.send('move', { n: 1 });
  rooms.send('moving', { n: 2 }, { volatile: true });
  rooms.talk('while away');
  timers.advance(500);
  const socket = FakeSocket.last();
  socket.serverOpens();
  assert.deepEqual(socket.sent, [
    { action: 'newClient', room: 'lobby' },
    { action: 'move', data: { n: 1 }, ref: 'c1' },
    { action: 'talkToRoom', data: 'while away', ref: 'c2' },
  ]);
  assert.equal(rooms.status, 'connected');
});

test('the offline queue is bounded and keeps the newest messages', () => {
  const rooms = client({ queueLimit: 3 });
  rooms.connect();
  FakeSocket.last().refused();
  for (let i = 1; i <= 5; i++) rooms.send('move', i);
  timers.advance(500);
  FakeSocket.last().serverOpens();
  assert.deepEqual(FakeSocket.last().sent.map((m) => m.data), [3, 4, 5]);
});

test('what was kept through an outage leaves at the server\'s rate after the reconnect, in order', () => {
  const rooms = client({ maxMessagesPerSecond: 10, queueLimit: 50 });
  rooms.join('lobby');
  FakeSocket.last().serverOpens();
  FakeSocket.last().serverDrops();
  for (let i = 1; i <= 30; i++) rooms.send('move', i);
  timers.advance(500);
  const socket = FakeSocket.last();
  socket.serverOpens();
  const moves = () => socket.sent.filter((m) => m.action === 'move').map((m) => m.data);
  assert.equal(socket.sent[0].action, 'newClient');
  assert.equal(moves().length, 9, 'a burst of the rate, the join included; the rest waits');
  rooms.send('moving', { x: 1 }, { volatile: true });
  assert.equal(socket.sent.filter((m) => m.action === 'moving').length, 0, 'a volatile message does not overtake kept ones: dropped');
  timers.advance(1000);
  assert.equal(moves().length, 19, 'ten more a second');
  timers.advance(2000);
  assert.deepEqual(moves(), Array.from({ length: 30 }, (_, i) => i + 1));
  assert.deepEqual(socket.sent.filter((m) => m.action === 'move').map((m) => m.ref),
    Array.from({ length: 30 }, (_, i) => `c${i + 1}`));
});

test('frames waiting for a socket that dropped never go to the next one: the kept messages are sent again', () => {
  const rooms = client({ maxMessagesPerSecond: 5 });
  rooms.join('lobby');
  FakeSocket.last().serverOpens();
  const first = FakeSocket.last();
  for (let i = 1; i <= 10; i++) rooms.send('move', i);
  assert.equal(first.sent.length, 5);
  first.serverDrops();
  timers.advance(500);
  const second = FakeSocket.last();
  second.serverOpens();
  timers.advance(10000);
  assert.equal(first.sent.length, 5, 'nothing more went to the dropped socket');
  assert.deepEqual(second.sent.filter((m) => m.action === 'move').map((m) => m.data), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('handlers are not duplicated by reconnects or by registering twice', () => {
  const rooms = client();
  let calls = 0;
  const handler = () => { calls += 1; };
  rooms.on('talkToRoom', handler);
  rooms.on('talkToRoom', handler);
  rooms.join('lobby');
  for (let i = 0; i < 3; i++) {
    FakeSocket.last().serverOpens();
    FakeSocket.last().serverDrops();
    timers.advance(10000);
  }
  FakeSocket.last().serverOpens();
  FakeSocket.last().serverSends({ action: 'talkToRoom', from: 'x', data: 'once' });
  assert.equal(calls, 1);
});

test('close stops for good: offline, no reconnect', () => {
  const rooms = client();
  rooms.connect();
  FakeSocket.last().serverOpens();
  rooms.close();
  assert.equal(rooms.status, 'offline');
  assert.deepEqual(FakeSocket.last().closed, { code: 1000, reason: 'bye' });
  timers.advance(60000);
  assert.equal(FakeSocket.instances.length, 1);
});

test('a failing handler does not stop the others', () => {
  const rooms = client().connect();
  FakeSocket.last().serverOpens();
  const seen = [];
  const realSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = () => 0; // swallow the rethrow of the failing handler
  try {
    rooms.on('move', () => { throw new Error('app bug'); });
    rooms.on('move', (m) => seen.push(m.data));
    FakeSocket.last().serverSends({ action: 'move', from: 'x', data: 7 });
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
  assert.deepEqual(seen, [7]);
});

test('a token string is sent as the token query parameter', () => {
  client({ token: 'abc.def.ghi' }).connect();
  assert.equal(FakeSocket.last().url, 'ws://test/ws?token=abc.def.ghi');
});

test('a token function is asked again before every reconnect', () => {
  let calls = 0;
  client({ token: () => `t${++calls}` }).connect();
  assert.equal(FakeSocket.last().url, 'ws://test/ws?token=t1');
  FakeSocket.last().serverOpens();
  FakeSocket.last().serverDrops();
  timers.advance(10_000);
  assert.equal(FakeSocket.last().url, 'ws://test/ws?token=t2');
});

test('an async token function is awaited before the socket opens', async () => {
  const rooms = client({ token: async () => 'from-backend' });
  rooms.connect();
  rooms.connect(); // a second call while the token is on its way opens nothing more
  assert.equal(FakeSocket.instances.length, 0);
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(FakeSocket.instances.length, 1);
  assert.equal(FakeSocket.last().url, 'ws://test/ws?token=from-backend');
});

test('after 4001 the client gets a fresh token and reconnects at once', () => {
  let calls = 0;
  const rooms = client({ token: () => `t${++calls}` });
  rooms.join('lobby');
  FakeSocket.last().serverOpens();
  FakeSocket.last().serverCloses(4001, 'token expired');
  assert.equal(FakeSocket.instances.length, 2, 'no back-off wait');
  assert.equal(FakeSocket.last().url, 'ws://test/ws?token=t2');
  FakeSocket.last().serverOpens();
  assert.deepEqual(FakeSocket.last().sent, [{ action: 'newClient', room: 'lobby' }]);
  assert.equal(rooms.status, 'connected');
});

for (const [code, reason] of [[4003, 'disconnected by the server'], [1008, 'join timeout'], [1009, '']]) {
  test(`a close with ${code} ends the client with status closed and no retry`, () => {
    const rooms = client();
    const closed = [];
    rooms.on('closed', (why) => closed.push(why));
    rooms.connect();
    FakeSocket.last().serverOpens();
    FakeSocket.last().serverCloses(code, reason);
    assert.equal(rooms.status, 'closed');
    assert.equal(closed.length, 1);
    assert.equal(closed[0].code, code);
    assert.ok(closed[0].reason.length > 0, 'a reason for a person, even when the server gave none');
    timers.advance(60_000);
    assert.equal(FakeSocket.instances.length, 1);
  });
}

test('a handshake refused with 401 ends the client; any other failure is retried', async () => {
  const answers = [426, 401];
  const asked = [];
  const fetch = async (url) => { asked.push(url); return { status: answers.shift() }; };
  const rooms = client({ token: 'stale', fetch });
  rooms.connect();
  FakeSocket.last().refused();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(asked, ['http://test/ws?token=stale']);
  assert.equal(rooms.status, 'reconnecting', '426: the token is fine, the network was not');
  timers.advance(10_000);
  FakeSocket.last().refused();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(rooms.status, 'closed');
  assert.deepEqual(rooms.closeReason, { code: 401, reason: 'the token was refused' });
  timers.advance(60_000);
  assert.equal(FakeSocket.instances.length, 2);
});

test('without a token a failed handshake is simply retried', () => {
  const rooms = client({ fetch: () => { throw new Error('must not be asked'); } });
  rooms.connect();
  FakeSocket.last().refused();
  assert.equal(rooms.status, 'reconnecting');
});

test('members carry their user when the server checks tokens, and removed leaves the room', () => {
  const rooms = client().connect();
  const socket = FakeSocket.last();
  socket.serverOpens();
  rooms.join('lobby');
  socket.serverSends({ ...joinedMessage('me', ['me']), user: 'u-me' });
  assert.equal(rooms.user, 'u-me');
  socket.serverSends({ action: 'memberJoined', room: 'lobby', id: 'b', name: 'B', color: '#111111', user: 'u-b' });
  assert.equal(rooms.members[1].user, 'u-b');
  socket.serverSends({ action: 'removed', room: 'lobby' });
  assert.equal(rooms.room, null);
  assert.deepEqual(rooms.members, []);
});

test('a message is kept until acked, sent again after a reconnect, and resolved by request()', async () => {
  const rooms = client();
  rooms.join('lobby');
  const socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends(joinedMessage('me', ['me']));
  rooms.talk('raced the cut');
  const answered = rooms.request('move', { x: 1 });
  assert.equal(rooms.pending.length, 2);
  socket.serverSends({ action: 'ack', ref: 'c2' });
  assert.equal(await answered, 'c2');
  socket.serverDrops();
  timers.advance(500);
  const again = FakeSocket.last();
  again.serverOpens();
  assert.deepEqual(again.sent.map((m) => m.ref), [undefined, 'c1'], 'the join, then the unacked message with its ref');
  again.serverSends({ action: 'ack', ref: 'c1' });
  assert.deepEqual(rooms.pending, []);
});

test('request() rejects with the error its message caused, or after its timeout', async () => {
  const rooms = client().connect();
  FakeSocket.last().serverOpens();
  const refused = rooms.request('talkToRoom', 'x');
  FakeSocket.last().serverSends({ action: 'error', code: 'not_in_room', message: 'join a room first', ref: 'c1' });
  await assert.rejects(refused, (e) => e.code === 'not_in_room');
  const silent = rooms.request('talkToRoom', 'y', { timeout: 1000 });
  timers.advance(1000);
  await assert.rejects(silent, /within 1000 ms/);
});

test('after a reconnect it resumes its session from the last number it saw', () => {
  const rooms = client();
  rooms.join('lobby');
  const socket = FakeSocket.last();
  socket.serverOpens();
  socket.serverSends({ ...joinedMessage('me', ['me', 'b']), seq: 100, session: 's-1', recovered: false });
  socket.serverSends({ action: 'talkToRoom', room: 'lobby', from: 'b', data: 1, seq: 101 });
  socket.serverSends({ action: 'talkToRoom', room: 'lobby', from: 'b', data: 'direct', to: 'me' });
  socket.serverDrops();
  timers.advance(500);
  FakeSocket.last().serverOpens();
  assert.deepEqual(FakeSocket.last().sent[0],
    { action: 'newClient', room: 'lobby', resume: { session: 's-1', seq: 101 } });
  const joined = [];
  rooms.on('joined', (m) => joined.push(m.recovered));
  FakeSocket.last().serverSends({ ...joinedMessage('me', ['me', 'b']), seq: 105, session: 's-1', recovered: true });
  FakeSocket.last().serverSends({ action: 'talkToRoom', room: 'lobby', from: 'b', data: 2, seq: 102 });
  assert.deepEqual(joined, [true]);
  assert.equal(rooms.recovered, true);
  assert.equal(rooms.lastSeq, 102, 'a resumed join goes on from the replay, not from its own number');
});

test('a connection quiet past pingInterval is pinged, and one with no answer in pongTimeout is replaced', () => {
  const rooms = client({ pingInterval: 5000, pongTimeout: 3000 });
  const statuses = [];
  rooms.on('status', (s) => statuses.push(s));
  rooms.join('lobby');
  const socket = FakeSocket.last();
  socket.serverOpens();
  timers.advance(4999);
  assert.deepEqual(socket.sent.map((m) => m.action), ['newClient']);
  timers.advance(1);
  assert.deepEqual(socket.sent.map((m) => m.action), ['newClient', 'ping']);
  socket.serverSends({ action: 'pong' });
  timers.advance(4999);
  assert.equal(rooms.status, 'connected', 'the pong kept it alive');
  timers.advance(1 + 3000);
  assert.equal(rooms.status, 'reconnecting', 'no answer to the second ping: taken for dead');
  assert.ok(socket.closed, 'the dead socket is let go');
  timers.advance(500);
  assert.equal(FakeSocket.instances.length, 2);
  assert.deepEqual(statuses, ['connecting', 'connected', 'reconnecting']);
});

test('a handshake that hangs is given up after connectTimeout and another is tried', () => {
  const rooms = client({ connectTimeout: 2000 });
  rooms.connect();
  const hung = FakeSocket.last();
  timers.advance(1999);
  assert.equal(FakeSocket.instances.length, 1);
  timers.advance(1);
  assert.ok(hung.closed, 'the hanging socket is let go');
  assert.equal(rooms.status, 'reconnecting');
  timers.advance(500);
  assert.equal(FakeSocket.instances.length, 2);
  FakeSocket.last().serverOpens();
  assert.equal(rooms.status, 'connected');
});
