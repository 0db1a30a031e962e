// The operator's dashboard: this node's numbers every second, with the last 10 minutes drawn as
// small charts, the rooms (searchable) and one room opened with its members, state and the control
// actions. It reads the HTTP API with the admin token, which it keeps in this tab's sessionStorage.
const TOKEN_KEY = 'rooms.adminToken';
const WINDOW = 600; // samples: one a second, 10 minutes
const $ = (id) => document.getElementById(id);

const series = { connections: [], rooms: [], in: [], out: [] };
let previous = null;
let openRoom = null;
let roomsTick = 0;
let timer = 0;

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init, cache: 'no-store',
    headers: { ...(init.headers || {}), Authorization: `Bearer ${token()}` },
  });
  if (response.status === 401) {
    signOut('That token was refused. Sign in with the server’s --admin-token.');
    throw new Error('unauthorized');
  }
  if (response.status === 404 && path === '/api/summary') {
    signOut('The server has no admin token set: start it with --admin-token to use the dashboard.');
    throw new Error('disabled');
  }
  return response;
}

function tell(text) {
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

function badge(text, key) {
  $('status').textContent = text;
  $('status').dataset.status = key;
}

function signOut(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(timer);
  $('dashboard').hidden = true;
  $('login').hidden = false;
  badge('signed out', 'out');
  tell(reason || '');
}

function signIn() {
  $('login').hidden = true;
  $('dashboard').hidden = false;
  tell('');
  clearInterval(timer);
  tick();
  timer = setInterval(tick, 1000);
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  signIn();
});

function push(list, value) {
  list.push(value);
  if (list.length > WINDOW) list.shift();
}

/** Draws a series as a line over the chart's box, scaled to its own maximum. */
function draw(svg, values) {
  const max = Math.max(1, ...values);
  const width = WINDOW - 1;
  svg.setAttribute('viewBox', `0 0 ${width} 100`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const offset = WINDOW - values.length;
  const points = values.map((v, i) => `${offset + i},${(100 - (v / max) * 96 - 2).toFixed(1)}`).join(' ');
  let line = svg.querySelector('polyline');
  if (!line) {
    line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    svg.append(line);
  }
  line.setAttribute('points', points);
}

const number = new Intl.NumberFormat();
const rendered = new WeakMap();

/**
 * Replaces an element's children only when what they show changed: a list rebuilt every second
 * would take the keyboard focus away from its buttons, and the screen reader's place with it.
 */
function update(element, key, build) {
  const text = JSON.stringify(key);
  if (rendered.get(element) === text) return;
  rendered.set(element, text);
  element.replaceChildren(...build());
}

async function tick() {
  let summary;
  try {
    summary = await (await api('/api/summary')).json();
  } catch (e) {
    if (token()) badge('unreachable', 'reconnecting');
    return;
  }
  badge(summary.stopping ? 'stopping' : 'live', summary.stopping ? 'reconnecting' : 'connected');
  $('node-name').textContent = `· node ${summary.node}`;
  const now = performance.now();
  const seconds = previous ? (now - previous.at) / 1000 : 1;
  const inRate = previous ? Math.max(0, (summary.messagesIn - previous.messagesIn) / seconds) : 0;
  const outRate = previous ? Math.max(0, (summary.messagesOut - previous.messagesOut) / seconds) : 0;
  previous = { at: now, messagesIn: summary.messagesIn, messagesOut: summary.messagesOut };
  push(series.connections, summary.connections);
  push(series.rooms, summary.rooms);
  push(series.in, inRate);
  push(series.out, outRate);
  $('connections').textContent = number.format(summary.connections);
  $('rooms-count').textContent = number.format(summary.rooms);
  $('in-rate').textContent = number.format(Math.round(inRate));
  $('out-rate').textContent = number.format(Math.round(outRate));
  draw($('chart-connections'), series.connections);
  draw($('chart-rooms'), series.rooms);
  draw($('chart-in'), series.in);
  draw($('chart-out'), series.out);
  $('saves').textContent = number.format(summary.stateSaves);
  $('skipped').textContent = number.format(summary.stateSavesSkipped);
  $('store-failures').textContent = number.format(summary.storeFailures);
  update($('errors'), summary.errors, () => Object.entries(summary.errors).flatMap(([code, count]) => {
    const dt = document.createElement('dt');
    dt.textContent = code;
    const dd = document.createElement('dd');
    dd.textContent = number.format(count);
    return [dt, dd];
  }));
  update($('nodes'), [summary.node, summary.cluster.nodes], () => summary.cluster.nodes.map((node) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'grow';
    name.textContent = node.node === summary.node ? `${node.node} (this one)` : node.node;
    const state = document.createElement('span');
    state.className = node.alive ? 'alive' : 'dead';
    state.textContent = node.alive ? 'alive' : 'not answering';
    item.append(name, state);
    return item;
  }));
  if (!summary.cluster.connected) tell('This node cannot reach the cluster: it serves its own members alone.');
  if (roomsTick++ % 2 === 0) await refreshRooms();
  if (openRoom) await showRoom(openRoom);
}

/** The rooms table: filtered by the search, the first 20, each with its three most active members. */
async function refreshRooms() {
  const all = await (await api('/api/rooms')).json();
  const query = $('search').value.trim().toLowerCase();
  const shown = all.filter((r) => r.room.toLowerCase().includes(query)).slice(0, 20);
  const details = await Promise.all(shown.map(async (r) => {
    const response = await api(`/api/rooms/${encodeURIComponent(r.room)}`);
    return response.ok ? response.json() : { members: [] };
  }));
  $('rooms-empty').hidden = all.length > 0;
  const key = shown.map((r, i) => [r.room, r.size, details[i].members.slice(0, 3).map((m) => m.name)]);
  update($('rooms-table').tBodies[0], key, () => shown.map((r, i) => {
    const row = document.createElement('tr');
    row.dataset.room = r.room;
    const name = document.createElement('td');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = r.room;
    open.setAttribute('aria-label', `Open room ${r.room}`);
    open.addEventListener('click', () => { openRoom = r.room; showRoom(r.room); });
    name.append(open);
    const size = document.createElement('td');
    size.className = 'size';
    size.textContent = number.format(r.size);
    const active = document.createElement('td');
    active.textContent = details[i].members.slice(0, 3).map((m) => m.name).join(', ');
    row.append(name, size, active);
    return row;
  }));
}
$('search').addEventListener('input', () => refreshRooms().catch(() => {}));

async function showRoom(room) {
  const response = await api(`/api/rooms/${encodeURIComponent(room)}`);
  $('room').hidden = false;
  $('room-open').textContent = `“${room}”`;
  if (!response.ok) {
    update($('room-members'), [room, null], () => []);
    $('room-state').textContent = 'This room has no members and no saved state.';
    return;
  }
  const view = await response.json();
  $('room-state').textContent = view.state === null || view.state === undefined ? '(no state yet)' : JSON.stringify(view.state, null, 2);
  update($('room-members'), [room, view.members], () => view.members.map((member) => {
    const item = document.createElement('li');
    item.dataset.id = member.id;
    const name = document.createElement('span');
    name.className = 'grow';
    name.textContent = `${member.name} `;
    const id = document.createElement('small');
    id.textContent = member.user ? `${member.id} · user ${member.user}` : member.id;
    name.append(id);
    if (member.meta !== undefined) { // what the member says it is doing here (its presence)
      const meta = document.createElement('code');
      meta.className = 'meta';
      meta.textContent = JSON.stringify(member.meta);
      name.append(meta);
    }
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'danger';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove ${member.name} from the room`);
    remove.addEventListener('click', () => control(`Remove ${member.name} from “${room}”?`,
      `/api/rooms/${encodeURIComponent(room)}/members/${encodeURIComponent(member.id)}`, { method: 'DELETE' }));
    item.append(name, remove);
    if (member.user) {
      const disconnect = document.createElement('button');
      disconnect.type = 'button';
      disconnect.className = 'danger';
      disconnect.textContent = 'Disconnect user';
      disconnect.setAttribute('aria-label', `Disconnect every socket of user ${member.user}`);
      disconnect.addEventListener('click', () => control(`Disconnect every socket of user ${member.user}, on every node?`,
        `/api/users/${encodeURIComponent(member.user)}`, { method: 'DELETE' }));
      item.append(disconnect);
    }
    return item;
  }));
}

/** A control action, after the operator confirmed it; the answer is said in the notice bar. */
async function control(question, path, init) {
  if (!window.confirm(question)) return;
  const response = await api(path, init);
  const body = await response.json().catch(() => ({}));
  tell(response.ok ? `Done: ${JSON.stringify(body)}` : `Refused (${response.status}): ${body.error || ''}`);
  if (openRoom) await showRoom(openRoom);
}

$('push-form').addEventListener('submit', (event) => {
  event.preventDefault();
  let data;
  try {
    data = JSON.parse($('push-data').value);
  } catch (e) {
    tell('The data must be JSON, for example {"text":"hello"}.');
    return;
  }
  control(`Send “${$('push-action').value}” to everyone in “${openRoom}”?`, `/api/rooms/${encodeURIComponent(openRoom)}/messages`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: $('push-action').value, data }),
  });
});

if (token()) signIn();
else signOut();
