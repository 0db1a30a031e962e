// The shared word board ("magnetic poetry"): drag words; others see them move live. Dragging sends
// volatile `moving` events (not saved); the drop sends `move` with the whole board, which is the
// room's state, handed to newcomers and saved.
//
// The rule across a disconnect: a word dropped while this page is not in sync with the room is
// kept aside, not sent. Once in sync again (a resumed session: at once, since the replay brings
// what was missed; a fresh join: once the room's state arrived, or after a short wait when none
// comes), the page applies the room's board, puts its own dropped words back on top, and only then
// sends its move. So a stale board never overwrites a newer local move, the mover never sends a
// board missing others' moves, and both pages and the store end with the same board.
import { start } from '/page.js';

const WORDS = ['the', 'quick', 'silver', 'moon', 'is', 'a', 'blue', 'dream', 'we', 'dance', 'under',
  'whisper', 'light', 'and', 'sky', 'love', 'slow', 'river', 'of', 'song'];

const board = document.getElementById('board');
const tiles = new Map();

function layout(index) {
  return { x: 20 + (index % 5) * 120, y: 20 + Math.floor(index / 5) * 60 };
}

for (const [index, word] of WORDS.entries()) {
  const tile = document.createElement('div');
  tile.className = 'word';
  tile.dataset.word = word;
  tile.textContent = word;
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

const { rooms } = start({ state: snapshot });
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

let dragging = null;
let frame = 0;

board.addEventListener('pointerdown', (event) => {
  const tile = event.target.closest('.word');
  if (!tile) return;
  event.preventDefault();
  tile.setPointerCapture(event.pointerId);
  tile.classList.add('dragging');
  dragging = { tile, dx: event.clientX - tile.offsetLeft, dy: event.clientY - tile.offsetTop };
});

board.addEventListener('pointermove', (event) => {
  if (!dragging) return;
  const { tile, dx, dy } = dragging;
  const x = Math.max(0, Math.min(board.clientWidth - tile.offsetWidth, event.clientX - dx));
  const y = Math.max(0, Math.min(board.clientHeight - tile.offsetHeight, event.clientY - dy));
  place(tile, x, y);
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      rooms.send('moving', { word: tile.dataset.word, x: parseInt(tile.style.left, 10), y: parseInt(tile.style.top, 10) },
        { volatile: true });
    });
  }
});

function drop() {
  if (!dragging) return;
  const { tile } = dragging;
  tile.classList.remove('dragging');
  dragging = null;
  if (inSync) {
    rooms.send('move', snapshot());
  } else {
    aside.set(tile.dataset.word, { x: parseInt(tile.style.left, 10), y: parseInt(tile.style.top, 10) });
  }
}

board.addEventListener('pointerup', drop);
board.addEventListener('pointercancel', drop);
