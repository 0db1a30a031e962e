// The chat page's sidebar: the rooms this person is in, each with its unread count and a way to
// leave it, a form to join another, and, on a phone, a button that folds it all away.

/** The rooms the sidebar lists, kept for this tab so that a reload comes back to them. */
const SAVED = 'rooms.chat.rooms';

export function savedRooms() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SAVED) || '[]');
    return Array.isArray(saved) ? saved.filter((name) => typeof name === 'string') : [];
  } catch (e) {
    return [];
  }
}

export function saveRooms(names) {
  try {
    sessionStorage.setItem(SAVED, JSON.stringify(names));
  } catch (e) { /* storage off: the sidebar is simply not kept */ }
}

export class RoomList {
  /**
   * @param {{open: (name: string) => void, leave: (name: string) => void}} actions what a click does
   */
  constructor(actions) {
    this.actions = actions;
    this.list = document.getElementById('room-list');
    this.total = document.getElementById('unread-total');
    this.toggle = document.getElementById('rooms-toggle');
    this.fold = document.getElementById('rooms-fold');
    this.baseTitle = document.title;
    /** @type {Map<string, {item: HTMLLIElement, link: HTMLAnchorElement, state: HTMLElement, count: HTMLElement, number: HTMLElement}>} */
    this.rows = new Map();
    this.toggle.addEventListener('click', () => this.setOpen(this.toggle.getAttribute('aria-expanded') !== 'true'));
    this.setOpen(false);
    const input = document.getElementById('room-input');
    document.getElementById('join-room').addEventListener('submit', (event) => {
      event.preventDefault();
      const name = input.value.trim();
      if (!name) return;
      input.value = '';
      this.setOpen(false);
      actions.open(name);
    });
  }

  /** Folded (on a phone: CSS shows the fold only when open; on a desktop it is always shown). */
  setOpen(open) {
    this.toggle.setAttribute('aria-expanded', String(open));
    this.fold.classList.toggle('open', open);
  }

  /**
   * Draws the rooms: views are {name, unread, joined} in the order they were entered; active is the
   * name of the room shown. Rows are kept and updated in place, so that a message arriving never
   * takes the keyboard focus away from a room's link or its leave button.
   */
  render(views, active) {
    const wanted = new Set(views.map((view) => view.name));
    for (const [name, row] of this.rows) {
      if (!wanted.has(name)) {
        row.item.remove();
        this.rows.delete(name);
      }
    }
    views.forEach((view, index) => {
      let row = this.rows.get(view.name);
      if (!row) {
        row = this.row(view.name);
        this.rows.set(view.name, row);
      }
      if (this.list.children[index] !== row.item) this.list.insertBefore(row.item, this.list.children[index] || null);
      if (view.name === active) row.link.setAttribute('aria-current', 'page');
      else row.link.removeAttribute('aria-current');
      row.state.hidden = view.joined;
      const count = view.name === active ? 0 : view.unread;
      row.count.hidden = count === 0;
      row.number.textContent = count > 0 ? String(count) : '';
    });
    const unread = views.reduce((sum, view) => sum + (view.name === active ? 0 : view.unread), 0);
    this.total.textContent = unread > 0 ? `· ${unread} unread` : '';
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${active || 'no room'} · ${this.baseTitle}`;
  }

  /** One room's row: its link (name, "not joined", unread count) and its leave button. */
  row(name) {
    const item = document.createElement('li');
    item.dataset.room = name;
    const link = document.createElement('a');
    link.href = location.pathname.replace(/[^/]*$/, '') + encodeURIComponent(name);
    link.className = 'room-link';
    const title = document.createElement('span');
    title.className = 'room-title';
    title.textContent = name;
    const state = document.createElement('span');
    state.className = 'room-state';
    state.textContent = 'not joined';
    title.append(' ', state);
    const count = document.createElement('span');
    count.className = 'unread';
    const number = document.createElement('span');
    const words = document.createElement('span');
    words.className = 'visually-hidden';
    words.textContent = ' unread';
    count.append(number, words);
    link.append(title, count);
    link.addEventListener('click', (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return; // a new tab is fine
      event.preventDefault();
      this.setOpen(false);
      this.actions.open(name);
    });
    const leave = document.createElement('button');
    leave.type = 'button';
    leave.className = 'leave';
    leave.textContent = '×';
    leave.setAttribute('aria-label', `Leave ${name}`);
    leave.addEventListener('click', () => this.actions.leave(name));
    item.append(link, leave);
    return { item, link, state, count, number };
  }
}
