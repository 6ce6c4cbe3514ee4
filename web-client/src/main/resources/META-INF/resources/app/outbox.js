// The frames a socket has yet to write, paced by a token bucket so the client stays below the server's inbound
// limit (chat: 20 frames/s, bursts of 60; a socket that keeps going over is refused frame by frame with
// RATE_LIMITED and then closed with 4429, see docs/chat-protocol.md) instead of finding it by being refused.
// - A frame with a `key` replaces a waiting frame with the same key in its place: a resend of the same `send`
//   (same clientId), the newest read position, one heartbeat.
// - A `droppable` frame (typing) is written at once or not at all: it never waits behind others, and never takes
//   the last tokens, which are kept for sends.
// - `first` puts a frame at the head (the `sync` after a reconnect, a fresh token).
// - What waits survives a dropped connection and goes once the socket is `open()` again; `close()` forgets it.
const DROPPABLE_RESERVE = 0.25; // of the burst, kept for frames that must go

export class PacedOutbox {
  /** @param write writes one frame now; answers false when the socket cannot take it (the frame then waits) */
  constructor(write, {perSecond, burst}) {
    this.write = write;
    this.perMs = perSecond / 1000;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = performance.now();
    this.pausedUntil = 0;
    this.queue = [];
    this.isOpen = false;
  }

  /** Answers whether the frame was written or is waiting (false: a droppable frame that was dropped). */
  enqueue(frame, {key, droppable = false, first = false, onWrite} = {}) {
    const entry = {frame, key, onWrite};
    if (droppable) {
      this.#refill();
      const mayGo = this.isOpen && this.queue.length === 0 && performance.now() >= this.pausedUntil
          && this.tokens >= Math.max(1, this.burst * DROPPABLE_RESERVE);
      return mayGo && this.#writeNow(entry);
    }
    const waiting = key === undefined ? -1 : this.queue.findIndex(e => e.key === key);
    if (waiting >= 0) this.queue[waiting] = entry;
    else if (first) this.queue.unshift(entry);
    else this.queue.push(entry);
    this.#drain();
    return true;
  }

  has(key) {
    return this.queue.some(e => e.key === key);
  }

  /** The connection is ready: the server's bucket starts full, so does ours. */
  open() {
    this.isOpen = true;
    this.tokens = this.burst;
    this.refilledAt = performance.now();
    this.#drain();
  }

  /** The connection dropped: what waits stays for the next one. */
  suspend() {
    this.isOpen = false;
    clearTimeout(this.timer);
  }

  close() {
    this.suspend();
    this.queue = [];
  }

  /** The server refused a frame for rate after all (another tab, a clock hiccup): nothing goes for a while. */
  pause(ms) {
    this.tokens = 0;
    this.pausedUntil = performance.now() + ms;
    this.#drain();
  }

  get waiting() {
    return this.queue.length;
  }

  #refill() {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.perMs);
    this.refilledAt = now;
  }

  #writeNow(entry) {
    if (!this.write(entry.frame)) return false;
    this.tokens -= 1;
    entry.onWrite?.();
    return true;
  }

  #drain() {
    clearTimeout(this.timer);
    if (!this.isOpen) return;
    this.#refill();
    const now = performance.now();
    if (now < this.pausedUntil) {
      this.timer = setTimeout(() => this.#drain(), this.pausedUntil - now);
      return;
    }
    while (this.queue.length && this.tokens >= 1) {
      if (!this.#writeNow(this.queue[0])) return; // the socket is closing; onclose suspends us
      this.queue.shift();
    }
    if (this.queue.length) this.timer = setTimeout(() => this.#drain(), Math.ceil((1 - this.tokens) / this.perMs));
  }
}
