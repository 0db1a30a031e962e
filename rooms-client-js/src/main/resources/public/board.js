// The shared word board ("magnetic poetry"): drag words; others see them move live. Dragging sends
// volatile `moving` events (not saved); the drop sends `move` with the whole board, which is the
// room's state, handed to newcomers and saved. Who is dragging which word is each member's presence
// ({dragging: word}, cleared on the drop), so it is right for a newcomer and gone with a leaver.
//
// The rule across a disconnect: a word dropped while this page is not in sync with the room is
// kept aside, not sent. Once in sync again (a resumed session: at once, since the replay brings
// what was missed; a fresh join: once the room's state arrived, or after a short wait when none
// comes), the page applies the room's board, puts its own dropped words back on top, and only then
// sends its move. So a stale board never overwrites a newer local move, the mover never sends a
// board missing others' moves, and both pages and the store end with the same board.
//
// The board keeps its own coordinates (900 by 520) on every screen and is scaled to fit the page,
// so a phone and a desktop show the same board. A word someone else is dragging shows their name.
import { start } from '/page.js';

const WORDS = ['the', 'quick', 'silver', 'moon', 'is', 'a', 'blue', 'dream', 'we', 'dance', 'under',
  'whisper', 'light', 'and', 'sky', 'love', 'slow', 'river', 'of', 'song'];

const WIDTH = 900;
const HEIGHT = 520;
const board = document.getElementById('board');
const frameOf = document.getElementById('board-frame');
const tiles = new Map();
let scale = 1;

/** Scales the board to the width it is given; its coordinates stay the same. */
function fit() {
  scale = Math.min(1, frameOf.clientWidth / WIDTH);
  board.style.transform = `scale(${scale})`;
  frameOf.style.height = `${Math.ceil(HEIGHT * scale)}px`;
}
new ResizeObserver(fit).observe(frameOf);
fit();

/** A pointer's position in board coordinates. */
function toBoard(event) {
  const rect = board.getBoundingClientRect();
  return { x: (event.clientX - rect.left) / scale, y: (event.clientY - rect.top) / scale };
}

function layout(index) {
  return { x: 20 + (index % 5) * 120, y: 20 + Math.floor(index / 5) * 60 };
}

for (const [index, word] of WORDS.entries()) {
  const tile = document.createElement('div');
  tile.className = 'word';
  tile.dataset.word = word;
  tile.textContent = word;
  tile.tabIndex = 0;
  tile.setAttribute('role', 'button');
  tile.setAttribute('aria-roledescription', 'movable word');
  const { x, y } = layout(index);
  place(tile, x, y);
  board.append(tile);
  tiles.set(word, tile);
}

function place(tile, x, y) {
  tile.style.left = `${Math.round(x)}px`;
  tile.style.top = `${Math.round(y)}px`;
}

function snapshot() {
  return { words: [...tiles.values()].map((tile) => ({
    word: tile.dataset.word, x: parseInt(tile.style.left, 10), y: parseInt(tile.style.top, 10) })) };
}

function apply(state) {
  if (!state || !Array.isArray(state.words)) return;
  for (const { word, x, y } of state.words) {
    const tile = tiles.get(word);
    if (tile && tile !== dragging?.tile && Number.isFinite(x) && Number.isFinite(y)) place(tile, x, y);
  }
}

const { rooms, colourOf } = start({ state: snapshot });
/** Words this page dropped while out of sync with the room, with where it dropped them. */
const aside = new Map();
/** Out of sync from a lost connection until the room's board is back; a page that just opened is in sync. */
let inSync = true;
let wasAway = false;
let syncTimer = 0;
/** How long a fresh join waits for the room's state before taking its own board as the room's. */
const STATE_WAIT_MS = 2500;

function putAsideBack() {
  for (const [word, { x, y }] of aside) {
    const tile = tiles.get(word);
    if (tile) place(tile, x, y);
  }
}

function synced() {
  clearTimeout(syncTimer);
  inSync = true;
  if (aside.size > 0) {
    putAsideBack();
    aside.clear();
    rooms.send('move', snapshot());
  }
}

rooms.on('status', (s) => {
  if (s === 'reconnecting') {
    inSync = false;
    wasAway = true;
  }
});
rooms.on('joined', (message) => {
  clearTimeout(syncTimer);
  if (!wasAway || message.recovered) synced();
  else syncTimer = setTimeout(synced, STATE_WAIT_MS);
  wasAway = false;
});
rooms.on('state', (message) => {
  apply(message.data);
  if (!inSync) synced();
});
rooms.on('move', (message) => {
  apply(message.data);
  if (!inSync) putAsideBack();
});
rooms.on('moving', (message) => apply({ words: [message.data] }));
for (const action of ['joined', 'memberJoined', 'memberLeft', 'memberUpdated']) rooms.on(action, showDraggers);

/** Labels each word another member is dragging (its presence says which) with their name. */
function showDraggers() {
  const by = new Map();
  for (const member of rooms.members) {
    const word = member.meta && member.meta.dragging;
    if (member.id !== rooms.id && typeof word === 'string') by.set(word, member);
  }
  for (const [word, tile] of tiles) {
    const member = by.get(word);
    tile.classList.toggle('remote', Boolean(member));
    if (member) {
      tile.dataset.by = member.name;
      tile.style.setProperty('--by', colourOf(member.id));
    } else {
      delete tile.dataset.by;
    }
  }
}

/** Tells the room which word this page is dragging, once per drag; null when it lets go. */
let saidDragging = null;
function sayDragging(word) {
  if (saidDragging === word) return;
  saidDragging = word;
  rooms.setPresence(word === null ? null : { dragging: word });
}

let dragging = null;
let frame = 0;

board.addEventListener('pointerdown', (event) => {
  const tile = event.target.closest('.word');
  if (!tile) return;
  event.preventDefault();
  tile.setPointerCapture(event.pointerId);
  tile.classList.add('dragging');
  sayDragging(tile.dataset.word);
  const at = toBoard(event);
  dragging = { tile, dx: at.x - tile.offsetLeft, dy: at.y - tile.offsetTop };
});

board.addEventListener('pointermove', (event) => {
  if (!dragging) return;
  const { tile, dx, dy } = dragging;
  const at = toBoard(event);
  moveTo(tile, at.x - dx, at.y - dy);
});

/** Places a word within the board and tells the room, at most once a frame (volatile: not saved). */
function moveTo(tile, x, y) {
  place(tile, Math.max(0, Math.min(WIDTH - tile.offsetWidth, x)), Math.max(0, Math.min(HEIGHT - tile.offsetHeight, y)));
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      rooms.send('moving', { word: tile.dataset.word, x: parseInt(tile.style.left, 10), y: parseInt(tile.style.top, 10) },
        { volatile: true });
    });
  }
}

function drop() {
  if (!dragging) return;
  const { tile } = dragging;
  tile.classList.remove('dragging');
  dragging = null;
  dropped(tile);
}

/** A word came to rest: the room gets the whole board, or, out of sync, the word is kept aside. */
function dropped(tile) {
  sayDragging(null);
  if (inSync) {
    rooms.send('move', snapshot());
  } else {
    aside.set(tile.dataset.word, { x: parseInt(tile.style.left, 10), y: parseInt(tile.style.top, 10) });
  }
}

board.addEventListener('pointerup', drop);
board.addEventListener('pointercancel', drop);

const STEP = 10;
const KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
board.addEventListener('keydown', (event) => {
  const tile = event.target.closest('.word');
  const direction = KEYS[event.key];
  if (!tile || !direction) return;
  event.preventDefault();
  sayDragging(tile.dataset.word);
  const step = event.shiftKey ? STEP * 4 : STEP;
  moveTo(tile, parseInt(tile.style.left, 10) + direction[0] * step, parseInt(tile.style.top, 10) + direction[1] * step);
  tile.setAttribute('aria-label', `${tile.dataset.word}, at ${tile.style.left} across, ${tile.style.top} down`);
});
board.addEventListener('keyup', (event) => {
  const tile = event.target.closest('.word');
  if (tile && KEYS[event.key]) dropped(tile);
});
