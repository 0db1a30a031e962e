// What both demo pages share: the room from the URL, the status badge, the notices that say in
// words why the page is not in its room, the member list, and the members' colours.
import { connect } from '/rooms.js';

/**
 * Name colours, each at least 4.5:1 against the white panels (WCAG AA for text), and told apart from
 * each other: a room's members get distinct ones while it has at most this many.
 */
export const PALETTE = ['#c62828', '#1565c0', '#2e7d32', '#6a1b9a', '#ad1457', '#00695c', '#4527a0', '#8d4d00',
  '#37474f', '#0277bd', '#558b2f', '#b71c1c'];

export function roomFromPath() {
  return decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || 'lobby');
}

const BADGE = {
  connecting: 'connecting…', joining: 'joining…', connected: 'connected', reconnecting: 'reconnecting…',
  offline: 'offline', closed: 'disconnected', out: 'not in the room',
};

/** What a person is told when the server will not have this page in its room, by error code. */
const REFUSALS = {
  bad_room: (room) => `“${room}” cannot be a room name: use 1 to 64 letters, digits, dots, dashes or underscores.`,
  forbidden: (room) => `You are not allowed in “${room}”.`,
  room_limit: () => 'The server has as many rooms as it can hold. Try an existing room.',
  not_in_room: () => 'You are not in a room, so that was not sent.',
};

/** Why the server closed the connection for good, by close code (401: the token, at the handshake). */
const CLOSES = {
  401: 'Your sign-in was refused. Reload the page to sign in again.',
  4001: 'Your session expired. Reload the page to sign in again.',
  4003: 'You were disconnected by the server’s operator.',
  1008: 'The server closed the connection.',
};

/**
 * Connects the page and keeps its status badge and notice bar: reconnects, a server that will not
 * answer, flooding, and closes for good. isIn() says whether the page is in the room it shows.
 */
export function connectPage(options = {}, isIn = () => true) {
  const status = document.getElementById('status');
  const notice = document.getElementById('notice');
  const rooms = connect(options);
  let failedAttempts = 0;

  const badge = (key) => {
    status.textContent = BADGE[key] || key;
    status.dataset.status = key;
  };
  /** Says something to the person in the notice bar (role=alert); links are [text, href] pairs. */
  const tell = (text, links = []) => {
    notice.replaceChildren(text);
    if (links.length) {
      notice.append(' Try ');
      links.forEach(([label, href], index) => {
        const link = document.createElement('a');
        link.href = href;
        link.textContent = label;
        notice.append(index === 0 ? '' : index === links.length - 1 ? ' or ' : ', ', link);
      });
      notice.append('.');
    }
    notice.hidden = false;
  };
  const quiet = () => {
    notice.hidden = true;
    notice.replaceChildren();
  };

  rooms.on('status', (s) => {
    if (s === 'connected') {
      failedAttempts = 0;
      badge(isIn() ? 'connected' : 'joining');
      return;
    }
    badge(s);
    if (s === 'reconnecting' && ++failedAttempts === 3) {
      tell('The server does not answer, or it refuses this page (its address may not be one it allows). Still trying…');
    }
  });
  rooms.on('error', (e) => {
    if (e.code === 'rate_limited') tell('You are sending faster than the server allows: some messages were dropped.');
  });
  rooms.on('closed', (reason) => {
    badge('closed');
    tell(CLOSES[reason.code] || `The server closed the connection: ${reason.reason || reason.code}.`);
  });
  return { rooms, badge, tell, quiet };
}

/** Says why the server will not have this page in a room: a full room (with others to try), or a refusal by error code. */
export async function explainRefusal(tell, room, message) {
  if (message.action === 'roomFull') {
    tell(`“${room}” is full: it holds ${message.max} people.`, await otherRooms(room, message.max));
  } else if (message.action === 'removed') {
    tell(`The server’s operator removed you from this room, “${room}”.`, [['joining again', roomPath(room)]]);
  } else if (REFUSALS[message.code]) {
    tell(REFUSALS[message.code](room), message.code === 'bad_room' || message.code === 'forbidden' ? [['the lobby', roomPath('lobby')]] : []);
  } else {
    tell(`The server said: ${message.message}`);
  }
}

/** This page's address for another room: /chat/{room} from /chat/{this one}. */
export function roomPath(room) {
  return location.pathname.replace(/[^/]*$/, '') + encodeURIComponent(room);
}

/** One room per page (the board): joins the room the URL names and keeps its member list. */
export function start(options = {}) {
  const room = roomFromPath();
  document.getElementById('room-name').textContent = room;
  document.title = `${room} · ${document.title}`;
  let inRoom = false;
  const { rooms, badge, tell, quiet } = connectPage(options, () => inRoom);
  const colours = new Colours();

  rooms.on('status', (s) => {
    if (s !== 'connected') inRoom = false;
  });
  rooms.on('joined', () => {
    inRoom = true;
    badge('connected');
    quiet();
  });
  const refused = (message) => {
    inRoom = false;
    badge('out');
    explainRefusal(tell, room, message);
  };
  rooms.on('roomFull', refused);
  rooms.on('removed', refused);
  rooms.on('error', (e) => {
    if (e.code === 'rate_limited') return;
    if (REFUSALS[e.code] && !inRoom) refused(e);
    else tell(`The server said: ${e.message}`);
  });
  rooms.on('closed', () => { inRoom = false; });

  const membersList = document.getElementById('members');
  const render = () => renderMembers(membersList, rooms.members, rooms.id, colours);
  for (const action of ['joined', 'memberJoined', 'memberLeft', 'removed', 'roomFull']) rooms.on(action, render);
  rooms.join(room);
  return { rooms, room, render, colourOf: (id) => colours.of(id, rooms.members) };
}

/** Up to three rooms to try instead of a full one: existing rooms with space, then a fresh name. */
async function otherRooms(full, max) {
  const links = [];
  try {
    const response = await fetch('/api/rooms', { cache: 'no-store' });
    if (response.ok) {
      for (const { room, size } of await response.json()) {
        if (room !== full && (max === 0 || size < max) && links.length < 2) links.push([room, roomPath(room)]);
      }
    }
  } catch (e) { /* no list: the fresh name below still helps */ }
  const fresh = `${full}-2`.slice(-64);
  links.push([fresh, roomPath(fresh)]);
  return links;
}

/** Gives each member of the room a palette colour no other present member has, while there are enough. */
export class Colours {
  constructor() { this.byId = new Map(); }

  of(id, members) {
    const present = new Set(members.map((m) => m.id));
    for (const known of this.byId.keys()) if (!present.has(known)) this.byId.delete(known);
    if (!this.byId.has(id)) {
      const taken = new Set(this.byId.values());
      const free = PALETTE.findIndex((_, index) => !taken.has(index));
      this.byId.set(id, free >= 0 ? free : this.byId.size % PALETTE.length);
    }
    return PALETTE[this.byId.get(id)];
  }
}

/** Shows members, most active first, each with its colour; this page's own member marked "(you)". */
export function renderMembers(list, members, myId, colours) {
  list.replaceChildren(...members.map((member) => {
    const item = document.createElement('li');
    item.dataset.id = member.id;
    if (member.id === myId) item.classList.add('me');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.setAttribute('aria-hidden', 'true');
    swatch.style.background = colours.of(member.id, members);
    const name = document.createElement('span');
    name.textContent = member.id === myId ? `${member.name} (you)` : member.name;
    item.append(swatch, name);
    return item;
  }));
  const count = document.getElementById('member-count');
  if (count) count.textContent = `(${members.length})`;
}
