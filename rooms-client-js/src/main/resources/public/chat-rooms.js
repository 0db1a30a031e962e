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
   * name of the room shown.
   */
  render(views, active) {
    this.list.replaceChildren(...views.map((view) => {
      const item = document.createElement('li');
      item.dataset.room = view.name;
      const link = document.createElement('a');
      link.href = location.pathname.replace(/[^/]*$/, '') + encodeURIComponent(view.name);
      link.className = 'room-link';
      const title = document.createElement('span');
      title.className = 'room-title';
      title.textContent = view.name;
      link.append(title);
      if (view.name === active) link.setAttribute('aria-current', 'page');
      if (!view.joined) {
        const state = document.createElement('span');
        state.className = 'room-state';
        state.textContent = 'not joined';
        title.append(' ', state);
      }
      if (view.unread > 0 && view.name !== active) {
        const count = document.createElement('span');
        count.className = 'unread';
        count.append(String(view.unread));
        const words = document.createElement('span');
        words.className = 'visually-hidden';
        words.textContent = ' unread';
        count.append(words);
        link.append(count);
      }
      link.addEventListener('click', (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return; // a new tab is fine
        event.preventDefault();
        this.setOpen(false);
        this.actions.open(view.name);
      });
      const leave = document.createElement('button');
      leave.type = 'button';
      leave.className = 'leave';
      leave.textContent = '×';
      leave.setAttribute('aria-label', `Leave ${view.name}`);
      leave.addEventListener('click', () => this.actions.leave(view.name));
      item.append(link, leave);
      return item;
    }));
    const unread = views.reduce((sum, view) => sum + (view.name === active ? 0 : view.unread), 0);
    this.total.textContent = unread > 0 ? `· ${unread} unread` : '';
    document.title = `${unread > 0 ? `(${unread}) ` : ''}${active || 'no room'} · ${this.baseTitle}`;
  }
}
