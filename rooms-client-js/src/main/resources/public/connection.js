// The client's one socket at a time: opens it (asking for a fresh token each time), reconnects after
// a backoff, pings it when quiet and replaces it when no pong comes, and tells the client what
// happened. Frames leave through the Pacer. The client (rooms.js) keeps the rooms and the messages.
import { Pacer } from './pacer.js';

/** Close codes after which reconnecting cannot help: the client stops and says why. */
const TERMINAL = Object.freeze({
  1008: 'refused by the server\'s policy',
  1009: 'a message was too large',
  4003: 'disconnected by the server',
});

/** The token expired: the client asks for a new one and reconnects at once. */
const TOKEN_EXPIRED = 4001;

export class Connection {
  /**
   * @param {string} url the WebSocket URL
   * @param {object} options the client's options (token, delays, time-outs, and the WebSocket,
   *     timers, random and fetch to use)
   * @param {object} client told of what happens: opened(), received(message), dropped(),
   *     reconnecting(), ended(code, reason) (for good), dead() (no pong)
   */
  constructor(url, options, client) {
    this.url = url;
    this.options = options;
    this.client = client;
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    this.timers = options.timers || { setTimeout: globalThis.setTimeout.bind(globalThis),
      clearTimeout: globalThis.clearTimeout.bind(globalThis) };
    this.random = options.random || Math.random;
    this.fetch = options.fetch || (globalThis.fetch ? globalThis.fetch.bind(globalThis) : null);
    this.pacer = new Pacer(options.maxMessagesPerSecond, this.timers,
      this.timers.now || (() => globalThis.performance.now()));
    this.socket = null;
    this.attempt = 0;
    this.retryTimer = null;
    this.stopped = false;
    this.awaitingToken = false;
    this.idleTimer = null;
    this.pongTimer = null;
  }

  /** Whether a socket is open, opening, or about to be (a retry or a token on its way). */
  get active() {
    return this.socket !== null || this.retryTimer !== null || this.awaitingToken;
  }

  isOpen() {
    return this.socket !== null && this.socket.readyState === 1;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  /** Closes for good (until the next start): no reconnect. */
  stop() {
    this.stopped = true;
    if (this.retryTimer) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.stopLiveness();
    this.pacer.detach();
    const socket = this.socket;
    this.socket = null;
    if (socket) socket.close(1000, 'bye');
  }

  /** Sends in turn, within the server's rate (the Pacer holds what is over it, in order). */
  send(text) {
    this.pacer.send(text);
  }

  /** Sends only if the text can go at once; false when it was dropped. */
  sendIfNow(text) {
    return this.pacer.sendIfNow(text);
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
      if (!this.stopped) this.openWith(fresh);
    }, () => {
      this.awaitingToken = false;
      if (!this.stopped) this.scheduleReconnect();
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
      this.heard();
      this.client.opened();
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
      this.client.received(message);
    };
    socket.onclose = (event) => {
      this.timers.clearTimeout(connectTimer);
      if (socket !== this.socket) return;
      this.socket = null;
      this.stopLiveness();
      this.pacer.detach();
      this.client.dropped();
      if (this.stopped) return;
      const code = event ? event.code : 1006;
      if (TERMINAL[code]) {
        this.end(code, (event && event.reason) || TERMINAL[code]);
      } else if (code === TOKEN_EXPIRED) {
        this.attempt = 0;
        this.client.reconnecting();
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
      if (this.stopped) return;
      if (response.status === 401) this.end(401, 'the token was refused');
      else this.scheduleReconnect();
    }, () => {
      this.awaitingToken = false;
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  /** Stops for good and tells the client why: a refused token (401), or a terminal close code. */
  end(code, reason) {
    this.stopped = true;
    this.client.ended(code, reason);
  }

  scheduleReconnect() {
    this.client.reconnecting();
    const base = Math.min(this.options.maxDelay, this.options.initialDelay * 2 ** this.attempt);
    const delay = Math.min(this.options.maxDelay, base * (0.75 + this.random() * 0.5));
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  /** A frame came: the connection is alive. After pingInterval of quiet, ping; no answer in pongTimeout: dead. */
  heard() {
    this.stopLiveness();
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = null;
      if (!this.isOpen()) return;
      this.send(JSON.stringify({ action: 'ping' }));
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
    this.client.dead();
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
}
