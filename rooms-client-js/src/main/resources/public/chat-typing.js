// "… is typing" on the chat page, from presence: this page sets {typing: true} in the room shown
// while its person types, and clears it when the message is sent, when the room changes, or after
// three seconds without a key. Other pages read it from their members' meta.

/** How long after the last key a person stops counting as typing. */
export const IDLE_MS = 3000;

export class Typing {
  constructor(timers = globalThis) {
    this.timers = timers;
    /** The room handle this page says it is typing in, or null. */
    this.room = null;
    this.idle = null;
  }

  /** A key in the message box, for {@code room}: says "typing" once, and stops after IDLE_MS of quiet. */
  typed(room, text) {
    if (!text.trim()) {
      this.stop();
      return;
    }
    if (this.room !== room) {
      this.stop();
      if (room.status !== 'joined') return;
      this.room = room;
      room.setPresence({ typing: true });
    }
    this.timers.clearTimeout(this.idle);
    this.idle = this.timers.setTimeout(() => this.stop(), IDLE_MS);
  }

  /** Sent, switched rooms, or idle: no longer typing. */
  stop() {
    this.timers.clearTimeout(this.idle);
    this.idle = null;
    if (this.room && this.room.status === 'joined') this.room.setPresence(null);
    this.room = null;
  }
}

/** The line under the messages: who else in the room is typing, in words; '' for no one. */
export function typingLine(members, myId) {
  const names = members.filter((m) => m.id !== myId && m.meta && m.meta.typing === true).map((m) => m.name);
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
