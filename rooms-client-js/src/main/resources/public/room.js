// One room of a Rooms client: its members in activity order, its place in the room's numbering
// (for resuming it), its handlers and its status. Many rooms share the client's one socket; see
// RoomsClient.enter() in rooms.js and the Room interface in rooms.d.ts.

export const RoomStatus = Object.freeze({
  /** Asked for; the server has not answered yet (or the socket is down and it will be asked again). */
  JOINING: 'joining',
  JOINED: 'joined',
  /** Left by this client, or the client joined another room with join() (which leaves every room). */
  LEFT: 'left',
  /** The server would not have this client in it: full, forbidden, a bad name, or too many rooms. */
  REFUSED: 'refused',
  /** The server's operator took this client out of it. */
  REMOVED: 'removed',
});

/** Error codes that answer a join: the room is refused and not asked for again. */
const JOIN_REFUSALS = new Set(['bad_room', 'forbidden', 'room_limit', 'too_many_rooms']);

export class Room {
  /**
   * @param {import('./rooms.js').RoomsClient} client the client whose socket carries this room
   * @param {string} name the room's name
   * @param {{profile?: object, state?: () => any, replaceAll?: boolean}} options replaceAll: join
   *     with newClient, which leaves every other room (the single-room API's join())
   */
  constructor(client, name, options = {}) {
    this.client = client;
    this.name = name;
    this.profile = options.profile;
    this.stateProvider = options.state || null;
    this.replaceAll = options.replaceAll === true;
    this.handlers = new Map();
    this.members = [];
    this.status = RoomStatus.JOINING;
    this.recovered = false;
    this.lastSeq = 0;
    /** The session this room was joined in: it can be resumed while the client keeps that session. */
    this.session = null;
    /** This client's own presence here, set again after every join: a resumed member starts with none. */
    this.presence = null;
  }

  /**
   * Sets this client's presence in the room (a plain object, small: 1 KB of JSON by default), or
   * clears it with null. Everyone else in the room gets memberUpdated; it is never saved, and it ends
   * when this client leaves. While the socket is down it is kept, and set again once the room is back.
   */
  setPresence(meta) {
    if (meta !== null && (typeof meta !== 'object' || Array.isArray(meta))) {
      throw new TypeError('a presence is a plain object, or null to clear it');
    }
    this.presence = meta;
    if (this.status === RoomStatus.JOINED) this.client.sendIfOpen({ action: 'presence', room: this.name, data: meta });
  }

  /**
   * The members grouped by user, in activity order (as Phoenix's Presence.list): one entry per
   * signed-in user with each of its connections here, and one per anonymous connection (user null).
   */
  get users() {
    const byUser = new Map();
    const list = [];
    for (const member of this.members) {
      const key = member.user === undefined || member.user === null ? null : member.user;
      if (key !== null && byUser.has(key)) {
        byUser.get(key).members.push(member);
        continue;
      }
      const entry = { user: key, members: [member] };
      if (key !== null) byUser.set(key, entry);
      list.push(entry);
    }
    return list;
  }

  /** Sends an action with data to this room (or to one member with options.to); see RoomsClient.send. */
  send(action, data, options = {}) {
    this.client.post(action, data, { ...options, room: this.name });
  }

  talk(data, options) { this.send('talkToRoom', data, options); }

  /** Sends and resolves once the server accepted it; rejects with its error or after the timeout. */
  request(action, data, options = {}) {
    return this.client.request(action, data, { ...options, room: this.name });
  }

  /** Calls handler for every message in this room with this action, or for this room's 'status'. */
  on(action, handler) {
    if (!this.handlers.has(action)) this.handlers.set(action, new Set());
    this.handlers.get(action).add(handler);
    return () => this.off(action, handler);
  }

  off(action, handler) {
    const set = this.handlers.get(action);
    if (set) set.delete(handler);
  }

  /** Leaves this room only; the client stays in its others. */
  leave() {
    if (!this.isActive()) return;
    this.client.forget(this);
    this.end(RoomStatus.LEFT);
    this.client.sendIfOpen({ action: 'leave', room: this.name });
  }

  // ---- used by the client ----

  /** Still joined or being joined: asked for again after every reconnect. */
  isActive() {
    return this.status === RoomStatus.JOINING || this.status === RoomStatus.JOINED;
  }

  /** The join, or, when this room was joined in the client's session, its resume from the last number seen. */
  joinMessage(session) {
    const message = { action: this.replaceAll ? 'newClient' : 'join', room: this.name };
    if (this.profile) message.data = this.profile;
    if (session && this.session === session) message.resume = { session, seq: this.lastSeq };
    return message;
  }

  /** The socket went down: the room is asked for again (and resumed) once it is back. */
  disconnected() {
    if (this.status === RoomStatus.JOINED) this.setStatus(RoomStatus.JOINING);
  }

  /** A message for this room: keeps members, numbering and status current, then tells the handlers. */
  receive(message) {
    if (message.action === 'joined') {
      // A fresh join numbers from its own entry; a resumed one goes on from what it had, as the
      // replay that follows brings the numbers between.
      if (message.recovered !== true && typeof message.seq === 'number') this.lastSeq = message.seq;
    } else if (typeof message.seq === 'number' && message.seq > this.lastSeq) {
      this.lastSeq = message.seq;
    }
    switch (message.action) {
      case 'joined':
        this.session = message.session || null;
        this.recovered = message.recovered === true;
        this.members = message.members.slice();
        this.setStatus(RoomStatus.JOINED);
        if (this.presence !== null) this.client.sendIfOpen({ action: 'presence', room: this.name, data: this.presence });
        break;
      case 'memberJoined': {
        const member = { id: message.id, name: message.name, color: message.color };
        if (message.user !== undefined) member.user = message.user;
        this.members = this.members.filter((m) => m.id !== message.id).concat([member]);
        break;
      }
      case 'memberLeft':
        this.members = this.members.filter((m) => m.id !== message.id);
        break;
      case 'memberUpdated':
        this.members = this.members.map((m) => {
          if (m.id !== message.id) return m;
          const updated = { ...m };
          if (message.meta === null || message.meta === undefined) delete updated.meta;
          else updated.meta = message.meta;
          return updated;
        });
        break;
      case 'roomFull':
        this.client.forget(this);
        this.end(RoomStatus.REFUSED);
        break;
      case 'removed':
        this.client.forget(this);
        this.end(RoomStatus.REMOVED);
        break;
      case 'error':
        if (this.status === RoomStatus.JOINING && JOIN_REFUSALS.has(message.code) && message.ref === undefined) {
          this.client.forget(this);
          this.end(RoomStatus.REFUSED);
        }
        break;
      case 'requestState': {
        const provider = this.stateProvider || this.client.stateProvider;
        if (provider) {
          this.client.sendIfOpen({ action: 'state', room: this.name, for: message.for, data: provider() });
          this.promote(this.client.id);
        }
        break;
      }
      default:
        if (message.from && message.data !== undefined && message.data !== null) this.promote(message.from);
    }
    this.emit(message.action, message);
  }

  end(status) {
    this.members = [];
    if (status !== RoomStatus.JOINING) this.presence = null;
    this.session = null;
    this.setStatus(status);
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
