/** Rooms browser client. */
export type Status = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface Member {
  id: string;
  name: string;
  color: string;
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
  members: Member[];
}

export interface RoomsError extends RoomMessage {
  action: 'error';
  code: 'bad_json' | 'bad_message' | 'bad_room' | 'not_in_room' | 'too_large' | 'rate_limited' | 'room_limit'
    | 'no_such_member';
  message: string;
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
}

export interface SendOptions {
  /** Send to this member only. */
  to?: string;
  /** Drop instead of queueing while offline (mouse moves and the like). */
  volatile?: boolean;
}

export declare const Status: {
  readonly CONNECTING: 'connecting';
  readonly CONNECTED: 'connected';
  readonly RECONNECTING: 'reconnecting';
  readonly OFFLINE: 'offline';
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
  readonly room: string | null;
  /** The room's members, most active first, kept current. */
  readonly members: Member[];
  connect(): this;
  join(room: string, profile?: { name?: string; color?: string }): this;
  leave(): void;
  send(action: string, data?: unknown, options?: SendOptions): void;
  talk(data: unknown, options?: SendOptions): void;
  echo(data: unknown): void;
  on(event: 'status', handler: (status: Status, client: RoomsClient) => void): () => void;
  on(event: 'joined', handler: (message: Joined, client: RoomsClient) => void): () => void;
  on(event: 'error', handler: (message: RoomsError, client: RoomsClient) => void): () => void;
  on(event: string, handler: (message: RoomMessage, client: RoomsClient) => void): () => void;
  off(event: string, handler: (...args: any[]) => void): void;
  close(): void;
}

export declare function connect(options?: ClientOptions): RoomsClient;
