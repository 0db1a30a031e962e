// A fake WebSocket and fake timers, so the client's network behaviour is tested deterministically.

export class FakeSocket {
  static instances = [];

  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closed = null;
    FakeSocket.instances.push(this);
  }

  static reset() { FakeSocket.instances = []; }

  static last() { return FakeSocket.instances[FakeSocket.instances.length - 1]; }

  send(text) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(text));
  }

  close(code, reason) {
    this.closed = { code, reason };
    this.readyState = 3;
  }

  // Test controls.
  serverOpens() { this.readyState = 1; this.onopen && this.onopen({}); }

  serverSends(message) { this.onmessage && this.onmessage({ data: JSON.stringify(message) }); }

  serverDrops() { this.readyState = 3; this.onclose && this.onclose({ code: 1006 }); }

  serverCloses(code, reason = '') { this.readyState = 3; this.onclose && this.onclose({ code, reason }); }

  refused() { this.readyState = 3; this.onerror && this.onerror({}); this.onclose && this.onclose({ code: 1006 }); }
}

export class FakeTimers {
  constructor() { this.time = 0; this.tasks = []; this.seq = 0; }

  now = () => this.time;

  setTimeout = (fn, delay) => {
    const id = ++this.seq;
    this.tasks.push({ id, at: this.time + delay, fn, delay });
    return id;
  };

  clearTimeout = (id) => { this.tasks = this.tasks.filter((t) => t.id !== id); };

  /** The delays of the timers waiting now. */
  pendingDelays() { return this.tasks.map((t) => t.delay); }

  advance(ms) {
    const target = this.time + ms;
    for (;;) {
      this.tasks.sort((a, b) => a.at - b.at);
      const next = this.tasks[0];
      if (!next || next.at > target) break;
      this.tasks.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = target;
  }
}
