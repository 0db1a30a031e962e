// Rooms browser client: join rooms over one WebSocket, send and receive room events, and stay
// connected through a bad network. No dependencies. See rooms.d.ts for the API.
import { Connection } from './connection.js';
import { Room, RoomStatus } from './room.js';

const DEFAULTS = {
  initialDelay: 500,   // first reconnect delay, ms
  maxDelay: 10000,     // reconnect delay cap, ms
  queueLimit: 100,     // messages kept unacknowledged (offline, or sent and not yet acked); the oldest are dropped past this
  pingInterval: 5000,  // an app-level ping after this long without a frame from the server, ms
  pongTimeout: 3000,   // no frame within this after the ping: the connection is taken for dead, ms
  requestTimeout: 10000, // request() rejects after this, ms
  connectTimeout: 10000, // a socket not open by then is given up and another tried, ms
  maxMessagesPerSecond: 100, // the server's --max-messages-per-second: nothing leaves faster, the rest waits in order
};

export const Status = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
  /** Terminal: the server refused or ended this client for good; see closeReason. No retry. */
  CLOSED: 'closed',
});

/** The default endpoint: this page's host, ws: or wss: matching http: or https:. */
export function defaultUrl(loc = globalThis.location) {
  const scheme = loc && loc.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${loc ? loc.host : 'localhost:7070'}/ws`;
}

export class RoomsClient {
  /**
   * @param {object} [options]
   * @param {string} [options.url] the WebSocket URL; defaults to this page's host, path /ws
   * @param {() => any} [options.state] answers requestState: the room's current state
   * @param {number} [options.initialDelay] first reconnect delay in ms (500)
   * @param {number} [options.maxDelay] reconnect delay cap in ms (10000)
   * @param {number} [options.queueLimit] messages kept while offline (100)
   * @param {string | (() => string | Promise<string>)} [options.token] the JWT to connect with, or a
   *     function that gives one (sync or async), called again before every reconnect
   */
  constructor(options = {}) {
    this.url = options.url || defaultUrl();
    this.options = { ...DEFAULTS, ...options };
    this.stateProvider = options.state || null;
    /** The socket, its reconnects and its liveness; it tells this client what happens (opened, received, ...). */
    this.link = new Connection(this.url, this.options, this);
    this.timers = this.link.timers;
    this.handlers = new Map();
    this.queue = [];
    /** Messages of the single-room API, which name no room until the client is in several. */
    this.unnamed = new WeakSet();
    /** The rooms this client is in or is joining, by name, in the order they were joined. */
    this.joined = new Map();
    /** The room of the single-room API (join()), which the getters room, members, lastSeq and recovered read. */
    this.primary = null;
    this.status = Status.OFFLINE;
    this.id = null;
    this.name = null;
    this.color = null;
    this.user = null;
    this.closeReason = null;
    this.session = null;
    this.refCounter = 0;
    this.requests = new Map();
  }

  /** Opens the connection (once); reconnects by itself until close(). */
  connect() {
    if (this.link.active) return this;
    this.closeReason = null;
    this.setStatus(Status.CONNECTING);
    this.link.start();
    return this;
  }

  /** Joins a room, leaving every other room (the single-room API); rejoins it after every reconnect. */
  join(room, profile) {
    if (this.status === Status.CLOSED) return this;
    for (const other of this.joined.values()) other.end(RoomStatus.LEFT);
    this.joined.clear();
    this.primary = new Room(this, room, { profile, replaceAll: true });
    this.joined.set(room, this.primary);
    this.ask(this.primary);
    return this;
  }

  /**
   * Enters a room beside the ones this client is already in, over the same socket, and returns its
   * handle (the same one while it is joined). The room is joined again, and resumed, after every
   * reconnect, until its leave().
   */
  enter(room, options = {}) {
    const known = this.joined.get(room);
    if (known) return known;
    const handle = new Room(this, room, options);
    if (this.status === Status.CLOSED) {
      handle.end(RoomStatus.REFUSED);
      return handle;
    }
    this.joined.set(room, handle);
    this.ask(handle);
    return handle;
  }

  /** The rooms this client is in or joining. */
  get rooms() {
    return Array.from(this.joined.values());
  }

  /** Leaves every room. */
  leave() {
    for (const room of this.joined.values()) room.end(RoomStatus.LEFT);
    this.joined.clear();
    this.primary = null;
    this.session = null;
    this.sendIfOpen({ action: 'leave' });
  }

  /** The single-room API's room, its members (most active first), its last number and whether it resumed. */
  get room() { return this.primary ? this.primary.name : null; }

  get members() { return this.primary ? this.primary.members : []; }

  get lastSeq() { return this.primary ? this.primary.lastSeq : 0; }

  get recovered() { return this.primary ? this.primary.recovered : false; }

  /** The single-room API's presence: see Room.setPresence. Kept until the room is joined, then set. */
  setPresence(meta) {
    if (!this.primary) throw new Error('join a room first');
    this.primary.setPresence(meta);
  }

  /**
   * Sends an action with data to the room (or to one member with options.to). While offline the
   * message waits in a bounded queue, unless options.volatile, which drops it instead.
   */
  send(action, data, options = {}) {
    this.post(action, data, options);
  }

  /**
   * Sends like send() and resolves once the server accepted it (its ack), or rejects with the error
   * it caused, or after options.timeout ms (requestTimeout).
   */
  request(action, data, options = {}) {
    return new Promise((resolve, reject) => {
      const ref = this.post(action, data, { ...options, volatile: false });
      const timeout = options.timeout || this.options.requestTimeout;
      const timer = this.timers.setTimeout(() => {
        this.requests.delete(ref);
        reject(new Error(`no answer to ${action} within ${timeout} ms`));
      }, timeout);
      this.requests.set(ref, { resolve, reject, timer });
    });
  }

  /**
   * Puts a message on the wire, or keeps it for later. A message that is not volatile carries a ref
   * and is kept until the server acknowledges it: it is sent again after a reconnect, and the server
   * never delivers the same ref twice. Returns its ref.
   */
  post(action, data, options) {
    const message = { action };
    // In two rooms or more the server needs to know which one; in one it ignores the name.
    const room = options.room;
    if (room !== undefined) message.room = room;
    if (data !== undefined) message.data = data;
    if (options.to) message.to = options.to;
    // The single-room API's messages name join()'s room when they go out while the client is in several.
    if (room === undefined) this.unnamed.add(message);
    const target = room !== undefined ? this.joined.get(room) : this.primary;
    if (target && data !== undefined && data !== null && action !== 'echo') target.promote(this.id);
    if (options.volatile) {
      if (this.isOpen()) this.link.sendIfNow(this.frameText(message)); // dropped when it cannot go at once
      return null;
    }
    message.ref = `c${++this.refCounter}`;
    this.queue.push(message);
    if (this.queue.length > this.options.queueLimit) this.queue.shift();
    if (this.isOpen()) this.sendNow(message);
    this.emit('pending', this.queue.length);
    return message.ref;
  }

  /** Messages not yet acknowledged by the server. */
  get pending() {
    return this.queue.slice();
  }

  talk(data, options) { this.send('talkToRoom', data, options); }

  echo(data) { this.send('echo', data); }

  /** Calls handler for every message with this action, or for 'status' changes. Returns an unsubscribe. */
  on(action, handler) {
    if (!this.handlers.has(action)) this.handlers.set(action, new Set());
    this.handlers.get(action).add(handler);
    return () => this.off(action, handler);
  }

  off(action, handler) {
    const set = this.handlers.get(action);
    if (set) set.delete(handler);
  }

  /** Closes for good: no reconnect. */
  close() {
    this.link.stop();
    this.setStatus(Status.OFFLINE);
  }

  // ---- internals ----

  isOpen() {
    return this.link.isOpen();
  }

  // What the Connection tells:

  /** The socket is open: the single-room API's newClient first, as it leaves every room; then the others, each resumed. */
  opened() {
    this.setStatus(Status.CONNECTED);
    for (const room of this.joined.values()) if (room === this.primary) this.sendNow(room.joinMessage(this.session));
    for (const room of this.joined.values()) if (room !== this.primary) this.sendNow(room.joinMessage(this.session));
    this.queue.forEach((message) => this.sendNow(message)); // kept until acked
  }

  dropped() {
    for (const room of this.joined.values()) room.disconnected();
  }

  reconnecting() {
    this.setStatus(Status.RECONNECTING);
  }

  dead() {
    this.emit('dead', null);
  }

  /** Stopped for good, saying why: a refused token (401), or a close code after which retrying cannot help. */
  ended(code, reason) {
    this.closeReason = { code, reason };
    for (const room of this.joined.values()) room.end(RoomStatus.REFUSED);
    this.joined.clear();
    this.setStatus(Status.CLOSED);
    this.emit('closed', this.closeReason);
  }

  /** Asks the server for a room now, or once the socket is open. */
  ask(room) {
    if (this.isOpen()) this.sendNow(room.joinMessage(this.session));
    else this.connect();
  }

  /** The room is no longer this client's (left, refused, removed): it is not asked for again. */
  forget(room) {
    if (this.joined.get(room.name) === room) this.joined.delete(room.name);
    if (this.primary === room) this.primary = null;
    if (this.joined.size === 0) this.session = null;
  }

  /** The room this client is in when it is in exactly one (whose messages need not name it). */
  onlyRoom() {
    return this.joined.size === 1 ? this.joined.values().next().value : undefined;
  }

  /** Sends in turn, within the server's rate (the Pacer holds what is over it, in order). */
  sendNow(message) {
    this.link.send(this.frameText(message));
  }

  frameText(message) {
    const named = this.unnamed.has(message) && this.joined.size > 1 && this.primary
      ? { action: message.action, room: this.primary.name, ...message } : message;
    return JSON.stringify(named);
  }

  sendIfOpen(message) {
    if (this.isOpen()) this.sendNow(message);
  }

  /** A frame from the server: acks settle the queue, joined gives the identity, the rest goes to its room. */
  received(message) {
    switch (message.action) {
      case 'ack':
        this.acknowledged(message.ref, null);
        return;
      case 'pong':
        return;
      case 'error':
        if (message.ref !== undefined) this.acknowledged(message.ref, message);
        break;
      case 'joined':
        this.session = message.session || null;
        this.id = message.id;
        this.name = message.name;
        this.color = message.color;
        this.user = message.user === undefined ? null : message.user;
        break;
      default:
    }
    const room = typeof message.room === 'string' ? this.joined.get(message.room) : this.onlyRoom();
    if (room) room.receive(message);
    this.emit(message.action, message);
  }

  /** The server accepted (error null) or refused the message with ref: it is no longer pending. */
  acknowledged(ref, error) {
    const index = this.queue.findIndex((m) => m.ref === ref);
    if (index >= 0) this.queue.splice(index, 1);
    const request = this.requests.get(ref);
    if (request) {
      this.requests.delete(ref);
      this.timers.clearTimeout(request.timer);
      if (error) request.reject(Object.assign(new Error(error.message), { code: error.code }));
      else request.resolve(ref);
    }
    this.emit('pending', this.queue.length);
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }

  emit(action, payload) {
    const set = this.handlers.get(action);
    if (!set) return;
    for (const handler of Array.from(set)) {
      try {
        handler(payload, this);
      } catch (e) {
        setTimeout(() => { throw e; });
      }
    }
  }
}

/** Creates a client and connects it: `const rooms = connect(); rooms.join('lobby');` */
export function connect(options) {
  return new RoomsClient(options).connect();
}
