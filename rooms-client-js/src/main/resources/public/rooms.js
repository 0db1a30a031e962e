// Rooms browser client: join a room over WebSocket, send and receive room events, and stay
// connected through a bad network. No dependencies. See rooms.d.ts for the API.

const DEFAULTS = {
  initialDelay: 500,   // first reconnect delay, ms
  maxDelay: 10000,     // reconnect delay cap, ms
  queueLimit: 100,     // messages kept while offline; the oldest are dropped past this
};

export const Status = Object.freeze({
  CONNECTING: 'connecting',
  CONNECTED: 'connected',
  RECONNECTING: 'reconnecting',
  OFFLINE: 'offline',
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
   */
  constructor(options = {}) {
    this.url = options.url || defaultUrl();
    this.options = { ...DEFAULTS, ...options };
    this.stateProvider = options.state || null;
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    this.timers = options.timers || { setTimeout: globalThis.setTimeout.bind(globalThis),
      clearTimeout: globalThis.clearTimeout.bind(globalThis) };
    this.random = options.random || Math.random;
    this.handlers = new Map();
    this.queue = [];
    this.members = [];
    this.status = Status.OFFLINE;
    this.id = null;
    this.name = null;
    this.color = null;
    this.room = null;
    this.profile = undefined;
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.closedByUser = false;
  }

  /** Opens the connection (once); reconnects by itself until close(). */
  connect() {
    if (this.socket || this.retryTimer) return this;
    this.closedByUser = false;
    this.setStatus(Status.CONNECTING);
    this.open();
    return this;
  }

  /** Joins a room (leaving the current one); rejoins it after every reconnect. */
  join(room, profile) {
    this.room = room;
    this.profile = profile;
    if (this.isOpen()) this.sendNow(this.joinMessage());
    else this.connect();
    return this;
  }

  leave() {
    this.room = null;
    this.members = [];
    if (this.isOpen()) this.sendNow({ action: 'leave' });
  }

  /**
   * Sends an action with data to the room (or to one member with options.to). While offline the
   * message waits in a bounded queue, unless options.volatile, which drops it instead.
   */
  send(action, data, options = {}) {
    const message = { action };
    if (data !== undefined) message.data = data;
    if (options.to) message.to = options.to;
    if (data !== undefined && data !== null && action !== 'echo') this.promote(this.id);
    if (this.isOpen()) {
      this.sendNow(message);
    } else if (!options.volatile) {
      this.queue.push(message);
      if (this.queue.length > this.options.queueLimit) this.queue.shift();
    }
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
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'bye');
    this.setStatus(Status.OFFLINE);
  }

  // ---- internals ----

  isOpen() {
    return this.socket !== null && this.socket.readyState === 1;
  }

  open() {
    let socket;
    try {
      socket = new this.WebSocket(this.url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      this.attempt = 0;
      this.setStatus(Status.CONNECTED);
      if (this.room) this.sendNow(this.joinMessage());
      const pending = this.queue.splice(0);
      pending.forEach((message) => this.sendNow(message));
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.receive(message);
    };
    socket.onclose = () => {
      if (socket !== this.socket) return;
      this.socket = null;
      if (!this.closedByUser) this.scheduleReconnect();
    };
    socket.onerror = () => {};
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

  joinMessage() {
    const message = { action: 'newClient', room: this.room };
    if (this.profile) message.data = this.profile;
    return message;
  }

  sendNow(message) {
    this.socket.send(JSON.stringify(message));
  }

  receive(message) {
    switch (message.action) {
      case 'joined':
        this.id = message.id;
        this.name = message.name;
        this.color = message.color;
        this.room = message.room;
        this.members = message.members.slice();
        break;
      case 'memberJoined':
        this.members = this.members.filter((m) => m.id !== message.id)
          .concat([{ id: message.id, name: message.name, color: message.color }]);
        break;
      case 'memberLeft':
        this.members = this.members.filter((m) => m.id !== message.id);
        break;
      case 'requestState':
        if (this.stateProvider) {
          this.sendNow({ action: 'state', for: message.for, data: this.stateProvider() });
          this.promote(this.id);
        }
        break;
      default:
        if (message.from && message.data !== undefined && message.data !== null) this.promote(message.from);
    }
    this.emit(message.action, message);
  }

  promote(id) {
    const index = this.members.findIndex((m) => m.id === id);
    if (index > 0) {
      const [member] = this.members.splice(index, 1);
      this.members.unshift(member);
    }
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
