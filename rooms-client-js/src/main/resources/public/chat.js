// The chat demo: messages in a list, members with their colors, most active first.
import { start } from '/page.js';

const { rooms, render } = start();
const messages = document.getElementById('messages');
const input = document.getElementById('message');

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
}

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
  addMessage({ name: rooms.name ? `${rooms.name} (you)` : 'you', color: rooms.color || '#333' }, text, true);
  input.value = '';
  render();
});
