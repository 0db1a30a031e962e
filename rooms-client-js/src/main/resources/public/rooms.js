// Rooms browser client: join rooms over one WebSocket, send and receive room events, and stay
// connected through a bad network. No dependencies. See rooms.d.ts for the API.
import { Pacer } from './pacer.js';
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

/** Close codes after which reconnecting cannot help: the client stops and says why. */
const TERMINAL = Object.freeze({
  1008: 'refused by the server\'s policy',
  1009: 'a message was too large',
  4003: 'disconnected by the server',
});

/** The token expired: the client asks for a new one and reconnects at once. */
const TOKEN_EXPIRED = 4001;

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
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    this.timers = options.timers || { setTimeout: globalThis.setTimeout.bind(globalThis),
      clearTimeout: globalThis.clearTimeout.bind(globalThis) };
    this.pacer = new Pacer(this.options.maxMessagesPerSecond, this.timers,
      this.timers.now || (() => globalThis.performance.now()));
    this.random = options.random || Math.random;
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
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.closedByUser = false;
    this.closeReason = null;
    this.awaitingToken = false;
    this.session = null;
    this.refCounter = 0;
    this.requests = new Map();
    this.idleTimer = null;
    this.pongTimer = null;
    this.fetch = options.fetch || (globalThis.fetch ? globalThis.fetch.bind(globalThis) : null);
  }

  /** Opens the connection (once); reconnects by itself until close(). */
  connect() {
    if (this.socket || this.retryTimer || this.awaitingToken) return this;
    this.closedByUser = false;
    this.closeReason = null;
    this.setStatus(Status.CONNECTING);
    this.open();
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
      if (this.isOpen()) this.pacer.sendIfNow(this.frameText(message)); // dropped when it cannot go at once
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
    this.closedByUser = true;
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopLiveness();
    this.pacer.detach();
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'bye');
    this.setStatus(Status.OFFLINE);
  }

  // ---- internals ----

  isOpen() {
    return this.socket !== null && this.socket.readyState === 1;
  }

  /** Opens a socket, with a token first when the options give one (asking the function anew each time). */
  open() {
    const token = this.options.token;
    if (typeof token !== 'function') {
      this.openWith(token);
      return;
    }
    let value;
    try {
      value = token();
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    if (!value || typeof value.then !== 'function') {
      this.openWith(value);
      return;
    }
    this.awaitingToken = true;
    value.then((fresh) => {
      this.awaitingToken = false;
      if (!this.closedByUser && this.status !== Status.CLOSED) this.openWith(fresh);
    }, () => {
      this.awaitingToken = false;
      if (!this.closedByUser) this.scheduleReconnect();
    });
  }

  /** The URL with the token as its query parameter (the server reads it at the handshake). */
  urlWith(token) {
    if (!token) return this.url;
    const url = new URL(this.url);
    url.searchParams.set('token', token);
    return url.toString();
  }

  openWith(token) {
    let socket;
    const url = this.urlWith(token);
    try {
      socket = new this.WebSocket(url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    let opened = false;
    // A path that swallows packets leaves a handshake hanging with no error: give up on it.
    const connectTimer = this.timers.setTimeout(() => {
      if (socket === this.socket && !opened) this.abandon(4000, 'no handshake');
    }, this.options.connectTimeout);
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.timers.clearTimeout(connectTimer);
      opened = true;
      this.pacer.attach(socket);
      this.attempt = 0;
      this.setStatus(Status.CONNECTED);
      this.heard();
      // The single-room API's newClient first, as it leaves every room; then the others, each resumed.
      for (const room of this.joined.values()) if (room === this.primary) this.sendNow(room.joinMessage(this.session));
      for (const room of this.joined.values()) if (room !== this.primary) this.sendNow(room.joinMessage(this.session));
      this.queue.forEach((message) => this.sendNow(message)); // kept until acked
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.heard();
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.receive(message);
    };
    socket.onclose = (event) => {
      this.timers.clearTimeout(connectTimer);
      if (socket !== this.socket) return;
      this.socket = null;
      this.stopLiveness();
      this.pacer.detach();
      for (const room of this.joined.values()) room.disconnected();
      if (this.closedByUser) return;
      const code = event ? event.code : 1006;
      if (TERMINAL[code]) {
        this.closeFor(code, (event && event.reason) || TERMINAL[code]);
      } else if (code === TOKEN_EXPIRED) {
        this.attempt = 0;
        this.setStatus(Status.RECONNECTING);
        this.open();
      } else if (!opened && token) {
        this.checkRefusal(url);
      } else {
        this.scheduleReconnect();
      }
    };
    socket.onerror = () => {};
  }

  /**
   * A handshake failed: browsers do not show its HTTP status, so ask the endpoint over plain HTTP,
   * which answers 401 for a refused token. A refusal is final; anything else is retried.
   */
  checkRefusal(url) {
    if (!this.fetch) {
      this.scheduleReconnect();
      return;
    }
    const httpUrl = url.replace(/^ws(s?):/, 'http$1:');
    this.awaitingToken = true;
    Promise.resolve().then(() => this.fetch(httpUrl, { method: 'GET', cache: 'no-store' })).then((response) => {
      this.awaitingToken = false;
      if (this.closedByUser) return;
      if (response.status === 401) this.closeFor(401, 'the token was refused');
      else this.scheduleReconnect();
    }, () => {
      this.awaitingToken = false;
      if (!this.closedByUser) this.scheduleReconnect();
    });
  }

  /** Stops for good, saying why: a refused token (401), or a close code after which retrying cannot help. */
  closeFor(code, reason) {
    this.closeReason = { code, reason };
    for (const room of this.joined.values()) room.end(RoomStatus.REFUSED);
    this.joined.clear();
    this.setStatus(Status.CLOSED);
    this.emit('closed', this.closeReason);
  }

  scheduleReconnect() {
    this.setStatus(Status.RECONNECTING);
    const base = Math.min(this.options.maxDelay, this.options.initialDelay * 2 ** this.attempt);
    const delay = Math.min(this.options.maxDelay, base * (0.75 + this.random() * 0.5));
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.closedByUser) this.open();
    }, delay);
  }

  /** A frame came: the connection is alive. After pingInterval of quiet, ping; no answer in pongTimeout: dead. */
  heard() {
    this.stopLiveness();
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = null;
      if (!this.isOpen()) return;
      this.sendNow({ action: 'ping' });
      this.pongTimer = this.timers.setTimeout(() => this.dead(), this.options.pongTimeout);
    }, this.options.pingInterval);
  }

  stopLiveness() {
    if (this.idleTimer) this.timers.clearTimeout(this.idleTimer);
    if (this.pongTimer) this.timers.clearTimeout(this.pongTimer);
    this.idleTimer = null;
    this.pongTimer = null;
  }

  /** No answer to a ping: the path is dead though the socket says open. Let it go and reconnect now. */
  dead() {
    this.pongTimer = null;
    if (!this.socket) return;
    this.emit('dead', null);
    this.abandon(4000, 'no pong');
  }

  /** Lets the current socket go without waiting for it (a hung handshake, a dead path), and tries again. */
  abandon(code, reason) {
    const socket = this.socket;
    this.socket = null; // its handlers check for this and ignore it from now on
    this.stopLiveness();
    this.pacer.detach();
    try { socket.close(code, reason); } catch (e) { /* not open, or already closing */ }
    this.scheduleReconnect();
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
    this.pacer.send(this.frameText(message));
  }

  frameText(message) {
    const named = this.unnamed.has(message) && this.joined.size > 1 && this.primary
      ? { action: message.action, room: this.primary.name, ...message } : message;
    return JSON.stringify(named);
  }

  sendIfOpen(message) {
    if (this.isOpen()) this.sendNow(message);
  }

  receive(message) {
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
