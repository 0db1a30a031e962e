// The chat demo: several rooms over one socket, a sidebar with an unread count on each, messages
// with their time and sender, members with distinct colours, most active first, and a line whenever
// someone joins, leaves or comes back. A message is marked "sending…" until the server has
// acknowledged it; after a reconnect a line says whether the room is back with everything it missed
// (they follow, in order) or joined afresh. /chat/{room} opens straight into that room.
import { Typing, typingLine } from '/chat-typing.js';
import { connectPage, explainRefusal, renderMembers, roomFromPath, roomPath, Colours } from '/page.js';
import { RoomList, savedRooms, saveRooms } from '/chat-rooms.js';

const messages = document.getElementById('messages');
const input = document.getElementById('message');
const typingNote = document.getElementById('typing');
const typing = new Typing();
const membersList = document.getElementById('members');
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const colours = new Colours();

/** What the page keeps per room: its handle, its lines, its unread count, and the names seen in it. */
class RoomView {
  constructor(name) {
    this.name = name;
    this.handle = null;
    this.items = [];
    this.unread = 0;
    this.names = new Map();
    this.joinedBefore = false;
    this.wasAway = false;
  }

  get joined() { return this.handle !== null && this.handle.status === 'joined'; }
}

const views = new Map();
let active = null;
const { rooms, badge, tell, quiet } = connectPage({}, () => active !== null && active.joined);
const sidebar = new RoomList({ open, leave });
/** The list items of this page's own messages not yet acknowledged, by ref. */
const pendingItems = new Map();

function line(view, item) {
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = clock.format(now);
  item.prepend(time);
  view.items.push(item);
  if (view === active) {
    messages.querySelector('.empty')?.remove();
    messages.append(item);
    messages.scrollTop = messages.scrollHeight;
  }
  return item;
}

function notice(view, text) {
  const item = document.createElement('li');
  item.className = 'notice';
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(body);
  return line(view, item);
}

function message(view, name, colour, text, mine) {
  const item = document.createElement('li');
  if (mine) item.classList.add('mine');
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = name;
  who.style.color = colour;
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text; // always text, never HTML
  item.append(who, body);
  return line(view, item);
}

function colourIn(view, id) {
  return colours.of(id, view.handle ? view.handle.members : []);
}

/** Enters a room (or enters it again after a refusal) and shows it. */
function open(name) {
  let view = views.get(name);
  if (!view) {
    view = new RoomView(name);
    views.set(name, view);
  }
  if (!view.handle || (view.handle.status !== 'joined' && view.handle.status !== 'joining')) attach(view, rooms.enter(name));
  show(view);
}

function leave(name) {
  const view = views.get(name);
  if (!view) return;
  view.handle?.leave();
  views.delete(name);
  save();
  show(active === view ? views.values().next().value || null : active);
}

/** Keeps the rooms this tab got into, for a reload; a room never joined is not brought back. */
function save() {
  saveRooms([...views.values()].filter((view) => view.joinedBefore).map((view) => view.name));
}

function show(view) {
  if (active !== view) typing.stop();
  active = view;
  if (view) {
    view.unread = 0;
    history.replaceState(null, '', roomPath(view.name));
  }
  document.getElementById('room-name').textContent = view ? view.name : 'no room';
  messages.replaceChildren(...(view && view.items.length ? view.items : [placeholder(view)]));
  messages.scrollTop = messages.scrollHeight;
  input.disabled = !view;
  if (rooms.status === 'connected') badge(view && view.joined ? 'connected' : view && view.handle.status === 'joining' ? 'joining' : 'out');
  render();
}

function placeholder(view) {
  const empty = document.createElement('li');
  empty.className = 'empty';
  empty.textContent = view ? 'No messages yet. Say hello!' : 'You are in no room: join one.';
  return empty;
}

function render() {
  sidebar.render([...views.values()], active && active.name);
  renderMembers(membersList, active && active.handle ? active.handle.members : [], rooms.id, colours);
  typingNote.textContent = active && active.handle ? typingLine(active.handle.members, rooms.id) : '';
}

function attach(view, handle) {
  view.handle = handle;
  handle.on('status', (status) => {
    if (status === 'joining' && view.joinedBefore && !view.wasAway) {
      view.wasAway = true;
      notice(view, 'Connection lost; reconnecting…');
    }
    if (view === active && rooms.status === 'connected') {
      badge(status === 'joined' ? 'connected' : status === 'joining' ? 'joining' : 'out');
      if (status === 'joined') quiet();
    }
    render();
  });
  handle.on('joined', (m) => {
    for (const member of m.members) view.names.set(member.id, member.name);
    if (view.wasAway) notice(view, m.recovered ? 'Back, with everything sent meanwhile.' : 'Back; messages sent while you were away may be missing.');
    else if (!view.joinedBefore) notice(view, `You joined as ${m.name}.`);
    view.joinedBefore = true;
    view.wasAway = false;
    save();
    render();
  });
  handle.on('memberJoined', (m) => {
    const back = view.names.has(m.id);
    view.names.set(m.id, m.name);
    notice(view, back ? `${m.name} is back.` : `${m.name} joined.`);
    render();
  });
  handle.on('memberUpdated', () => { if (view === active) render(); });
  handle.on('memberLeft', (m) => {
    notice(view, `${view.names.get(m.id) || 'Someone'} left.`);
    render();
  });
  handle.on('talkToRoom', (m) => {
    const name = handle.members.find((member) => member.id === m.from)?.name || view.names.get(m.from) || 'someone';
    const text = m.data && typeof m.data === 'object' ? String(m.data.text ?? '') : String(m.data);
    message(view, name, colourIn(view, m.from), text, false);
    if (view !== active) view.unread += 1;
    render();
  });
}

/** A room that would not have this page, or that the operator took it out of: said in words. */
function refusedIn(name, m) {
  const view = views.get(name);
  if (!view || view.joined) return;
  if (view === active) badge('out');
  explainRefusal(tell, name, m);
  render();
}
rooms.on('roomFull', (m) => refusedIn(m.room, m));
rooms.on('removed', (m) => refusedIn(m.room, m));
rooms.on('error', (e) => {
  if (e.code === 'rate_limited') return;
  const view = typeof e.room === 'string' ? views.get(e.room) : undefined;
  if (view && view.handle && view.handle.status === 'refused') refusedIn(e.room, e);
  else tell(`The server said: ${e.message}`);
});

rooms.on('pending', () => {
  const waiting = new Set(rooms.pending.map((m) => m.ref));
  for (const [ref, item] of pendingItems) {
    if (!waiting.has(ref)) {
      item.classList.remove('pending');
      item.removeAttribute('title');
      pendingItems.delete(ref);
    }
  }
});

document.getElementById('composer').addEventListener('submit', (event) => {
  event.preventDefault(); // the form also makes Enter send
  const text = input.value.trim();
  if (!text || !active) return;
  if (active.handle.status !== 'joined' && active.handle.status !== 'joining') {
    tell(`You are not in “${active.name}”, so that was not sent. Join it again from the list, or pick another room.`);
    return;
  }
  typing.stop();
  active.handle.talk({ text });
  const item = message(active, rooms.name ? `${rooms.name} (you)` : 'you', rooms.id ? colourIn(active, rooms.id) : '#37474f', text, true);
  const sent = rooms.pending[rooms.pending.length - 1];
  if (sent && sent.ref) {
    item.classList.add('pending');
    item.title = 'not yet delivered';
    pendingItems.set(sent.ref, item);
  }
  input.value = '';
  render();
});

input.addEventListener('input', () => { if (active && active.handle) typing.typed(active.handle, input.value); });

// The room in the address first, so that its join is the connection's first; then the others this tab had.
const first = roomFromPath();
open(first);
for (const name of savedRooms()) if (name !== first && !views.has(name)) open(name);
show(views.get(first));
