// The chat demo: messages with their time and sender, members with distinct colours, most active
// first, and a line whenever someone joins, leaves or comes back. A message is marked "sending…"
// until the server has acknowledged it (so one typed while offline stays marked until it is
// delivered); after a reconnect a line says whether the page is back with everything it missed
// (they follow, in order) or joined afresh.
import { start } from '/page.js';

const { rooms, render, colourOf } = start();
const messages = document.getElementById('messages');
const input = document.getElementById('message');
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** The list items of this page's own messages not yet acknowledged, by ref. */
const pendingItems = new Map();
/** Names of the members seen in this room, kept after they leave, for the "left" line. */
const names = new Map();

function append(item) {
  messages.querySelector('.empty')?.remove();
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = clock.format(now);
  item.prepend(time);
  messages.append(item);
  messages.scrollTop = messages.scrollHeight;
  return item;
}

function addLine(text) {
  const item = document.createElement('li');
  item.className = 'notice';
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  item.append(body);
  return append(item);
}

function addMessage(name, colour, text, mine) {
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
  return append(item);
}

let joinedBefore = false;
let wasAway = false;
rooms.on('status', (s) => {
  if (s === 'reconnecting' && joinedBefore && !wasAway) {
    wasAway = true;
    addLine('Connection lost; reconnecting…');
  }
});
rooms.on('joined', (message) => {
  for (const member of message.members) names.set(member.id, member.name);
  if (wasAway) addLine(message.recovered ? 'Back, with everything sent meanwhile.' : 'Back; messages sent while you were away may be missing.');
  else if (!joinedBefore) addLine(`You joined as ${message.name}.`);
  joinedBefore = true;
  wasAway = false;
});
rooms.on('memberJoined', (message) => {
  const back = names.has(message.id);
  names.set(message.id, message.name);
  addLine(back ? `${message.name} is back.` : `${message.name} joined.`);
});
rooms.on('memberLeft', (message) => addLine(`${names.get(message.id) || 'Someone'} left.`));

function settle() {
  const waiting = new Set(rooms.pending.map((m) => m.ref));
  for (const [ref, item] of pendingItems) {
    if (!waiting.has(ref)) {
      item.classList.remove('pending');
      item.removeAttribute('title');
      pendingItems.delete(ref);
    }
  }
}
rooms.on('pending', settle);

rooms.on('talkToRoom', (message) => {
  const name = rooms.members.find((m) => m.id === message.from)?.name || names.get(message.from) || 'someone';
  const text = message.data && typeof message.data === 'object' ? String(message.data.text ?? '') : String(message.data);
  addMessage(name, colourOf(message.from), text, false);
  render();
});

document.getElementById('composer').addEventListener('submit', (event) => {
  event.preventDefault(); // the form also makes Enter send
  const text = input.value.trim();
  if (!text) return;
  rooms.talk({ text });
  const item = addMessage(rooms.name ? `${rooms.name} (you)` : 'you', rooms.id ? colourOf(rooms.id) : '#37474f', text, true);
  const sent = rooms.pending[rooms.pending.length - 1];
  if (sent && sent.ref) {
    item.classList.add('pending');
    item.title = 'not yet delivered';
    pendingItems.set(sent.ref, item);
  }
  input.value = '';
  render();
});
