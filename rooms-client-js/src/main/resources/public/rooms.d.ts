/** Rooms browser client. */
export type Status = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Why a client stopped for good: 401 (token refused at the handshake), or the close code. */
export interface CloseReason {
  code: number;
  reason: string;
}

export interface Member {
  id: string;
  name: string;
  color: string;
  /** The member's user id, from its token, when the server checks tokens. */
  user?: string;
  /** What the member is doing in this room (its presence), when it set one. */
  meta?: Record<string, unknown>;
}

/** A room's members grouped by user (Room.users): a signed-in user's connections, or one anonymous connection. */
export interface UserPresence {
  /** The user id, or null for an anonymous connection (an entry of its own). */
  user: string | null;
  /** Its connections in the room, most active first, each with its meta. */
  members: Member[];
}

export interface RoomMessage<T = unknown> {
  action: string;
  room?: string;
  data?: T;
  from?: string;
  [field: string]: unknown;
}

export interface Joined extends RoomMessage {
  action: 'joined';
  room: string;
  id: string;
  name: string;
  color: string;
  user?: string;
  members: Member[];
  /** The room's number at this join; room messages then carry the next ones. */
  seq?: number;
  /** The session to resume after a lost connection (the client does it by itself). */
  session?: string;
  /** True when this join resumed the session: same id, and the missed messages follow. */
  recovered: boolean;
}

export interface MemberJoined extends RoomMessage {
  action: 'memberJoined';
  room: string;
  id: string;
  name: string;
  color: string;
  user?: string;
  seq?: number;
}

/** A member's presence changed: meta is its new one, or null when it cleared it. */
export interface MemberUpdated extends RoomMessage {
  action: 'memberUpdated';
  room: string;
  id: string;
  meta: Record<string, unknown> | null;
  seq?: number;
}

export interface MemberLeft extends RoomMessage {
  action: 'memberLeft';
  room: string;
  id: string;
  seq?: number;
}

/** Asks this client for the room's state on behalf of a newcomer; the `state` option answers it. */
export interface RequestState extends RoomMessage {
  action: 'requestState';
  room: string;
  /** The newcomer's id. */
  for: string;
}

/** The room's state, for this newcomer: from the most active member, or from the store. */
export interface State<T = unknown> extends RoomMessage<T> {
  action: 'state';
  room: string;
  data: T;
  source: 'peer' | 'store';
}

/** The room was full: this client is in no room now. */
export interface RoomFull extends RoomMessage {
  action: 'roomFull';
  room: string;
  max: number;
}

export interface RoomsError extends RoomMessage {
  action: 'error';
  code: 'bad_json' | 'bad_message' | 'bad_room' | 'not_in_room' | 'too_large' | 'rate_limited' | 'room_limit'
    | 'no_such_member' | 'forbidden' | 'bad_token' | 'too_many_rooms';
  /** The ref of the message that caused it, if it had one. */
  ref?: string | number;
  message: string;
}

/** What the client needs of a WebSocket: the browser's own, or any with the same shape. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: any) => void) | null;
  onmessage: ((event: any) => void) | null;
  onclose: ((event: any) => void) | null;
  onerror: ((event: any) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Timers the client schedules its retries, pings and time-outs with. */
export interface Timers {
  setTimeout(handler: () => void, ms: number): any;
  clearTimeout(handle: any): void;
  /** Milliseconds on the same clock (default: performance.now()). */
  now?(): number;
}

export interface ClientOptions {
  /** WebSocket URL; default: this page's host, ws: or wss:, path /ws. */
  url?: string;
  /** Answers requestState: returns this client's view of the room's state. */
  state?: () => unknown;
  /** First reconnect delay in ms (default 500); it doubles up to maxDelay, with jitter. */
  initialDelay?: number;
  /** Reconnect delay cap in ms (default 10000). */
  maxDelay?: number;
  /** Messages kept while offline (default 100); the oldest are dropped past it. */
  queueLimit?: number;
  /** An app-level ping after this many ms without a frame from the server (default 5000). */
  pingInterval?: number;
  /** No frame this many ms after that ping: the connection is taken for dead and replaced (default 3000). */
  pongTimeout?: number;
  /** A socket not open after this many ms is given up and another tried (default 10000). */
  connectTimeout?: number;
  /**
   * The server's --max-messages-per-second (100). Nothing leaves faster, with a burst of as many; the
   * rest waits in order (the server would drop it, and the next message would overtake it). A
   * volatile message that cannot go at once is dropped.
   */
  maxMessagesPerSecond?: number;
  /** request() rejects after this many ms (default 10000). */
  requestTimeout?: number;
  /**
   * The JWT to connect with (sent as ?token=), or a function giving one, sync or async: it is
   * called again before every reconnect, and right away after the server closed with 4001 (token
   * expired). A token the server refuses ends the client with status 'closed'.
   */
  token?: string | (() => string | Promise<string>);
  /** The WebSocket class to use (default: the global one): for tests, or Node before version 22. */
  WebSocket?: new (url: string) => SocketLike;
  /** The timers to use (default: the global setTimeout and clearTimeout): for tests on a fake clock. */
  timers?: Timers;
  /** Returns a number in [0, 1) for the reconnect jitter (default: Math.random). */
  random?: () => number;
  /** The fetch used to ask why a handshake failed (default: the global one). */
  fetch?: (url: string, init?: { method?: string; cache?: 'no-store' }) => Promise<{ status: number }>;
}

export interface SendOptions {
  /** Send to this member only. */
  to?: string;
  /** Drop instead of queueing while offline, and send without a ref (mouse moves and the like). */
  volatile?: boolean;
}

export interface RequestOptions {
  to?: string;
  /** Reject after this many ms (default: the client's requestTimeout). */
  timeout?: number;
}

/**
 * A room handle's status: 'joining' until the server answers (and again while the socket is down),
 * 'joined'; then, for good, 'left' (its leave(), or the single-room join() elsewhere), 'refused'
 * (full, forbidden, a bad name, too many rooms, or the client closed) or 'removed' (by the operator).
 */
export type RoomStatus = 'joining' | 'joined' | 'left' | 'refused' | 'removed';

export interface EnterOptions {
  /** Name and colour: used only when this is the connection's first room (one identity per connection). */
  profile?: { name?: string; color?: string };
  /** Answers requestState in this room (default: the client's state option). */
  state?: () => unknown;
}

/** One room of a client, over the client's one socket. From RoomsClient.enter(). */
export interface Room {
  readonly name: string;
  readonly status: RoomStatus;
  /** This room's members, most active in this room first, kept current. */
  readonly members: readonly Member[];
  /** Whether the latest join of this room resumed it (the missed messages follow). */
  readonly recovered: boolean;
  /** The last number seen in this room. */
  readonly lastSeq: number;
  /** The members grouped by user, most active first, each connection with its meta (as Phoenix's Presence.list). */
  readonly users: readonly UserPresence[];
  /** This client's own presence here, or null. */
  readonly presence: Record<string, unknown> | null;
  /**
   * Sets this client's presence here (a plain object, at most 1 KB of JSON by default), or clears it
   * with null. Not saved, not activity; set again by itself after a reconnect, and ended by leave().
   */
  setPresence(meta: Record<string, unknown> | null): void;
  /** Sends to this room; unless volatile, kept until acknowledged and never delivered twice. */
  send(action: string, data?: unknown, options?: SendOptions): void;
  talk(data: unknown, options?: SendOptions): void;
  /** Sends and resolves with the ref once accepted; rejects with its error (with .code) or on timeout. */
  request(action: string, data?: unknown, options?: RequestOptions): Promise<string>;
  on(event: 'status', handler: (status: RoomStatus, room: Room) => void): () => void;
  on(event: 'joined', handler: (message: Joined, room: Room) => void): () => void;
  on(event: 'memberJoined', handler: (message: MemberJoined, room: Room) => void): () => void;
  on(event: 'memberLeft', handler: (message: MemberLeft, room: Room) => void): () => void;
  on(event: 'memberUpdated', handler: (message: MemberUpdated, room: Room) => void): () => void;
  on(event: 'state', handler: (message: State, room: Room) => void): () => void;
  on(event: 'roomFull', handler: (message: RoomFull, room: Room) => void): () => void;
  on(event: 'error', handler: (message: RoomsError, room: Room) => void): () => void;
  on(event: string, handler: (message: RoomMessage, room: Room) => void): () => void;
  off(event: string, handler: (...args: any[]) => void): void;
  /** Leaves this room only; the client stays in its others. */
  leave(): void;
}

export declare const Status: {
  readonly CONNECTING: 'connecting';
  readonly CONNECTED: 'connected';
  readonly RECONNECTING: 'reconnecting';
  readonly OFFLINE: 'offline';
  readonly CLOSED: 'closed';
};

export declare function defaultUrl(location?: { protocol: string; host: string }): string;

export declare class RoomsClient {
  constructor(options?: ClientOptions);
  readonly url: string;
  readonly status: Status;
  /** This client's id, name and color, once joined. */
  readonly id: string | null;
  readonly name: string | null;
  readonly color: string | null;
  /** This client's user id, from its token, once joined; null when the server checks no tokens. */
  readonly user: string | null;
  /** The room of join() (the single-room API); null when only enter() was used. */
  readonly room: string | null;
  /** Why the client stopped, once its status is 'closed'. */
  readonly closeReason: CloseReason | null;
  /** The members of join()'s room, most active first, kept current. */
  readonly members: readonly Member[];
  connect(): this;
  /** Joins a room and leaves every other one (the single-room API); rejoined after every reconnect. */
  join(room: string, profile?: { name?: string; color?: string }): this;
  /**
   * Enters a room beside the others this client is in, over the same socket, and returns its handle
   * (the same one while it is joined). Joined again, and resumed, after every reconnect until its leave().
   */
  enter(room: string, options?: EnterOptions): Room;
  /** The rooms this client is in or joining, in the order it entered them. */
  readonly rooms: readonly Room[];
  /** Leaves every room. */
  leave(): void;
  /**
   * Sends to the room. Unless volatile, the message carries a ref and is kept until the server
   * acknowledges it: sent again after a reconnect, never delivered twice.
   */
  send(action: string, data?: unknown, options?: SendOptions): void;
  /** Sends and resolves with the ref once the server accepted it; rejects with its error (with .code) or on timeout. */
  request(action: string, data?: unknown, options?: RequestOptions): Promise<string>;
  /** Messages not yet acknowledged. */
  readonly pending: readonly RoomMessage[];
  /** Whether the latest join resumed this client's session. */
  readonly recovered: boolean;
  /** The last room number seen. */
  readonly lastSeq: number;
  /** The presence of this client in the room of join() (see Room.setPresence). */
  setPresence(meta: Record<string, unknown> | null): void;
  talk(data: unknown, options?: SendOptions): void;
  echo(data: unknown): void;
  on(event: 'status', handler: (status: Status, client: RoomsClient) => void): () => void;
  on(event: 'joined', handler: (message: Joined, client: RoomsClient) => void): () => void;
  on(event: 'memberJoined', handler: (message: MemberJoined, client: RoomsClient) => void): () => void;
  on(event: 'memberLeft', handler: (message: MemberLeft, client: RoomsClient) => void): () => void;
  on(event: 'memberUpdated', handler: (message: MemberUpdated, client: RoomsClient) => void): () => void;
  on(event: 'requestState', handler: (message: RequestState, client: RoomsClient) => void): () => void;
  on(event: 'state', handler: (message: State, client: RoomsClient) => void): () => void;
  on(event: 'roomFull', handler: (message: RoomFull, client: RoomsClient) => void): () => void;
  on(event: 'pending', handler: (count: number, client: RoomsClient) => void): () => void;
  on(event: 'dead', handler: (nothing: null, client: RoomsClient) => void): () => void;
  on(event: 'closed', handler: (reason: CloseReason, client: RoomsClient) => void): () => void;
  on(event: 'error', handler: (message: RoomsError, client: RoomsClient) => void): () => void;
  on(event: string, handler: (message: RoomMessage, client: RoomsClient) => void): () => void;
  off(event: string, handler: (...args: any[]) => void): void;
  close(): void;
}

export declare function connect(options?: ClientOptions): RoomsClient;
