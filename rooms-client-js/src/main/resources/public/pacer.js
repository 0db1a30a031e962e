// Frames on their way to the open socket, no faster than the server takes them. The server drops
// what comes over its --max-messages-per-second (a burst of twice that): a dropped message is never
// acknowledged, and the ones after it that pass would overtake it. So the client keeps to a token
// bucket of its own (the rate a second, a burst of as many: half the server's, for its clock and the
// network's jitter) and holds the rest in order. The messages kept through an outage, sent again
// after the resume, leave at that rate.

export class Pacer {
  /**
   * @param {number} rate frames a second
   * @param {{setTimeout: Function, clearTimeout: Function}} timers
   * @param {() => number} now milliseconds on the timers' clock
   */
  constructor(rate, timers, now) {
    this.rate = rate;
    this.timers = timers;
    this.now = now;
    this.socket = null;
    this.waiting = [];
    this.tokens = 0;
    this.refilledAt = 0;
    this.drainTimer = null;
  }

  /** A new socket: its bucket starts full, and nothing meant for the last one goes to it. */
  attach(socket) {
    this.detach();
    this.socket = socket;
    this.tokens = this.rate;
    this.refilledAt = this.now();
  }

  /** The socket ended: what waits for it is dropped (kept messages are sent again after the next join). */
  detach() {
    this.socket = null;
    this.waiting = [];
    if (this.drainTimer) this.timers.clearTimeout(this.drainTimer);
    this.drainTimer = null;
  }

  /** Sends the text now, or after what waits before it. */
  send(text) {
    if (!this.socket) return;
    if (this.waiting.length === 0 && this.take()) {
      this.socket.send(text);
      return;
    }
    this.waiting.push(text);
    this.scheduleDrain();
  }

  /** Sends the text only if it can go at once; false when it was dropped instead. */
  sendIfNow(text) {
    if (!this.socket || this.waiting.length > 0 || !this.take()) return false;
    this.socket.send(text);
    return true;
  }

  take() {
    const now = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  scheduleDrain() {
    if (this.drainTimer) return;
    const wait = Math.ceil(((1 - this.tokens) * 1000) / this.rate);
    this.drainTimer = this.timers.setTimeout(() => {
      this.drainTimer = null;
      this.drain();
    }, Math.max(0, wait));
  }

  drain() {
    while (this.socket && this.waiting.length > 0 && this.take()) this.socket.send(this.waiting.shift());
    if (this.waiting.length > 0) this.scheduleDrain();
  }
}
