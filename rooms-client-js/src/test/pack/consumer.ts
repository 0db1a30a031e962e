// A project that installed the packed @rooms/client from its tarball, compiled with tsc --strict:
// every option and typed event of rooms.d.ts is used as an application would use it.
import {
  connect, RoomsClient, Status, defaultUrl,
  type ClientOptions, type Joined, type Member, type MemberJoined, type MemberLeft, type MemberUpdated, type UserPresence, type RequestState,
  type RoomFull, type RoomsError, type RoomMessage, type Room, type RoomStatus, type EnterOptions, type State, type CloseReason, type SocketLike, type Timers,
} from '@rooms/client';

type Board = { words: string[] };
let board: Board = { words: [] };

const timers: Timers = { setTimeout: (handler, ms) => setTimeout(handler, ms), clearTimeout: (handle) => clearTimeout(handle) };
const options: ClientOptions = {
  url: defaultUrl({ protocol: 'https:', host: 'rooms.example.com' }),
  state: () => board,
  token: async () => 'a.jwt.token',
  WebSocket: WebSocket,
  timers,
  random: Math.random,
  fetch: (url, init) => fetch(url, init),
  pingInterval: 5000,
  pongTimeout: 3000,
};
const rooms: RoomsClient = connect(options);

rooms.on('status', (status: Status) => console.log(status === Status.CONNECTED));
rooms.on('joined', (m: Joined) => console.log(m.id, m.members.length, m.recovered));
rooms.on('memberJoined', (m: MemberJoined) => console.log(m.id, m.name, m.color));
rooms.on('memberLeft', (m: MemberLeft) => console.log(m.id));
rooms.on('requestState', (m: RequestState) => console.log('asked for', m.for));
rooms.on('state', (m: State) => { board = m.data as Board; console.log(m.source); });
rooms.on('roomFull', (m: RoomFull) => console.log(m.room, 'holds', m.max));
rooms.on('error', (m: RoomsError) => console.log(m.code, m.message));
rooms.on('closed', (reason: CloseReason) => console.log(reason.code));
rooms.on('talkToRoom', (m) => console.log(m.from, m.data));

const first: Member | undefined = rooms.members[0];
console.log(first?.name);
// @ts-expect-error members is the client's, kept in activity order: read-only to the app
rooms.members.push({ id: 'x', name: 'x', color: '#000' });
// @ts-expect-error so is the list of messages waiting for their acknowledgement
rooms.pending.pop();

const socket: SocketLike = new WebSocket('wss://rooms.example.com/ws');
socket.close();
rooms.join('lobby', { name: 'Ann' });
rooms.talk({ text: 'hello' });
rooms.send('moving', { x: 10 }, { volatile: true });
void rooms.request('move', { x: 1 }, { timeout: 1000 }).then((ref: string) => console.log(ref));

// Two rooms over the one socket: a lobby chat beside a game with its own state.
type Game = { turn: number };
let game: Game = { turn: 0 };
const gameOptions: EnterOptions = { profile: { name: 'Ann' }, state: () => game };
const lobby: Room = rooms.enter('lobby');
const table: Room = rooms.enter('table-7', gameOptions);
const unread = new Map<string, number>();
for (const room of [lobby, table]) {
  room.on('talkToRoom', (m: RoomMessage) => { if (m.from !== rooms.id) unread.set(room.name, (unread.get(room.name) ?? 0) + 1); });
  room.on('status', (status: RoomStatus, which: Room) => console.log(which.name, status === 'joined'));
  room.on('joined', (m: Joined) => console.log(m.room, m.recovered, room.recovered, room.lastSeq));
}
table.on('state', (m: State) => { game = m.data as Game; });
table.on('error', (e: RoomsError) => console.log(e.code === 'too_many_rooms'));
lobby.talk({ text: 'who plays?' });
table.send('move', { turn: game.turn + 1 });
void table.request('roll', null, { timeout: 2000 }).then((ref: string) => console.log(ref));
console.log(rooms.rooms.map((r: Room) => r.name), table.members[0]?.name);
// @ts-expect-error a room's members are kept by the client
table.members.push({ id: 'x', name: 'x', color: '#000' });
// @ts-expect-error a handle's name is fixed
lobby.name = 'other';
// Presence: what each member is doing, grouped by user.
lobby.setPresence({ typing: true });
lobby.on('memberUpdated', (m: MemberUpdated) => console.log(m.id, m.meta?.typing === true));
const typing: string[] = lobby.users.filter((u: UserPresence) => u.members.some((m: Member) => m.meta?.typing === true))
  .map((u: UserPresence) => u.user ?? u.members[0].name);
console.log(typing, lobby.presence);
lobby.setPresence(null);
// @ts-expect-error a presence is an object, not a string
lobby.setPresence('typing');
table.leave();
rooms.close();
