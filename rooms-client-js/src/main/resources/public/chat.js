// The chat demo: messages in a list, members with their colors, most active first. A message sent
// while offline, or not yet acknowledged, is marked pending until the server takes it; after a
// reconnect a line says whether the page is back with everything it missed, or joined afresh.
import { start } from '/page.js';

const { rooms, render } = start();
const messages = document.getElementById('messages');
const input = document.getElementById('message');

/** The list items of this page's own messages not yet acknowledged, by ref. */
const pendingItems = new Map();

function addLine(text) {
  const item = document.createElement('li');
  item.className = 'notice';
  item.textContent = text;
  messages.append(item);
  messages.scrollTop = messages.scrollHeight;
}

function addMessage(member, text, mine) {
  const item = document.createElement('li');
  if (mine) item.classList.add('mine');
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = member ? member.name : 'someone';
  if (member) who.style.color = member.color;
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text; // always text, never HTML
  item.append(who, body);
  messages.append(item);
  messages.scrollTop = messages.scrollHeight;
  return item;
}

let joinedBefore = false;
let wasAway = false;
rooms.on('status', (s) => {
  if (s === 'reconnecting' && joinedBefore && !wasAway) {
    wasAway = true;
    addLine('connection lost, reconnecting…');
  }
});
rooms.on('joined', (message) => {
  if (wasAway) addLine(message.recovered ? 'back: nothing was missed' : 'back, but messages sent meanwhile may be missing');
  joinedBefore = true;
  wasAway = false;
});

function settle() {
  const waiting = new Set(rooms.pending.map((m) => m.ref));
  for (const [ref, item] of pendingItems) {
    if (!waiting.has(ref)) {
      item.classList.remove('pending');
      pendingItems.delete(ref);
    }
  }
}
rooms.on('pending', settle);

rooms.on('talkToRoom', (message) => {
  const member = rooms.members.find((m) => m.id === message.from);
  const text = message.data && typeof message.data === 'object' ? String(message.data.text ?? '') : String(message.data);
  addMessage(member, text, false);
  render();
});

document.getElementById('composer').addEventListener('submit', (event) => {
  event.preventDefault(); // the form also makes Enter send
  const text = input.value.trim();
  if (!text) return;
  rooms.talk({ text });
  const item = addMessage({ name: rooms.name ? `${rooms.name} (you)` : 'you', color: rooms.color || '#333' }, text, true);
  const sent = rooms.pending[rooms.pending.length - 1];
  if (sent && sent.ref) {
    item.classList.add('pending');
    item.title = 'not yet delivered';
    pendingItems.set(sent.ref, item);
  }
  input.value = '';
  render();
});
