// What both demo pages share: the room from the URL, the status badge and the member list.
import { connect } from '/rooms.js';

export function roomFromPath() {
  return decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || 'lobby');
}

const LABELS = { connecting: 'connecting…', connected: 'connected', reconnecting: 'reconnecting…', offline: 'offline' };

export function start(options = {}) {
  const room = roomFromPath();
  document.getElementById('room-name').textContent = room;
  document.title = `${room} · ${document.title}`;
  const status = document.getElementById('status');
  const rooms = connect(options);
  rooms.on('status', (s) => {
    status.textContent = LABELS[s] || s;
    status.dataset.status = s;
  });
  const membersList = document.getElementById('members');
  const render = () => renderMembers(membersList, rooms);
  for (const action of ['joined', 'memberJoined', 'memberLeft']) rooms.on(action, render);
  rooms.on('error', (e) => console.warn(`rooms: ${e.code}: ${e.message}`));
  rooms.join(room);
  return { rooms, room, render };
}

function renderMembers(list, rooms) {
  list.replaceChildren(...rooms.members.map((member) => {
    const item = document.createElement('li');
    item.dataset.id = member.id;
    if (member.id === rooms.id) item.classList.add('me');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = member.color;
    const name = document.createElement('span');
    name.textContent = member.id === rooms.id ? `${member.name} (you)` : member.name;
    item.append(swatch, name);
    return item;
  }));
}
