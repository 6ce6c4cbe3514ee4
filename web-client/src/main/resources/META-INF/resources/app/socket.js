// A WebSocket that comes back by itself, as docs/chat-protocol.md advises: full-jitter exponential backoff
// (random(0, min(30 s, 0.5 s × 2^attempt))), the attempt count reset once a connection stayed up for a minute, a
// ping every `heartbeatSeconds`, and a token refresh before reconnecting after 4401. The token rides in the
// subprotocol header (`bearer, <token>`), never in the URL, so it stays out of access logs. Given `pace`, what it
// sends goes through a PacedOutbox (outbox.js), so it never sends faster than the server takes frames in.
import * as session from './session.js';
import {PacedOutbox} from './outbox.js';

const MAX_DELAY_MS = 30_000;
const BASE_DELAY_MS = 500;
const STABLE_MS = 60_000;
/**
 * Close codes after which coming back is pointless. Not 1000: the server closes normally only when it goes away
 * (docs/chat-protocol.md: reconnect), and our own close() stops the socket before it closes.
 */
const FINAL_CLOSE_CODES = new Set([4403, 4404, 4409, 4410]);

export class ReconnectingSocket extends EventTarget {
  constructor(path, {finalCloseCodes = FINAL_CLOSE_CODES, pace = null} = {}) {
    super();
    this.path = path;
    this.finalCloseCodes = finalCloseCodes;
    this.outbox = pace ? new PacedOutbox(frame => this.#write(frame), pace) : null;
    this.attempt = 0;
    this.ws = null;
    this.state = 'idle';
    this.stopped = false;
  }

  open() {
    this.stopped = false;
    this.#connect();
    return this;
  }

  /**
   * Unpaced: written now, or false when not connected. Paced: see PacedOutbox.enqueue for the options; false only
   * for a droppable frame that was dropped.
   */
  send(frame, options = {}) {
    return this.outbox ? this.outbox.enqueue(frame, options) : this.#write(frame);
  }

  /** The server refused a frame for rate: nothing more for `ms`. */
  slowDown(ms) {
    this.outbox?.pause(ms);
  }

  #write(frame) {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  close(code = 1000) {
    this.stopped = true;
    this.outbox?.close();
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    clearTimeout(this.stableTimer);
    this.ws?.close(code);
    this.#setState('closed');
  }

  #setState(state, detail = {}) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', {detail: {state, ...detail}}));
  }

  #connect() {
    const token = session.token();
    if (!token) {
      this.#setState('closed');
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}${this.path}`, ['bearer', token]);
    this.ws = ws;
    this.#setState(this.attempt === 0 ? 'connecting' : 'reconnecting', {attempt: this.attempt});
    ws.onmessage = event => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'ready') this.#onReady(frame);
      this.dispatchEvent(new CustomEvent('frame', {detail: frame}));
      // after the listeners had their say, so what they put `first` (the sync) goes before what waited
      if (frame.type === 'ready') this.outbox?.open();
    };
    ws.onclose = event => this.#onClose(ws, event);
  }

  #onReady(frame) {
    this.#setState('open', {ready: frame});
    clearInterval(this.heartbeat);
    const seconds = frame.heartbeatSeconds ?? 25;
    // a heartbeat that cannot go at once is not missed: any frame keeps the connection alive
    this.heartbeat = setInterval(() => this.send({type: 'ping'}, {droppable: true}), seconds * 1000);
    clearTimeout(this.stableTimer);
    this.stableTimer = setTimeout(() => { this.attempt = 0; }, STABLE_MS);
  }

  async #onClose(ws, event) {
    if (ws !== this.ws) return;
    this.outbox?.suspend();
    clearInterval(this.heartbeat);
    clearTimeout(this.stableTimer);
    if (this.stopped) return;
    if (this.finalCloseCodes.has(event.code)) {
      this.#setState('closed', {code: event.code, reason: event.reason});
      return;
    }
    if (event.code === 4401 || session.expiresInMs() < 10_000) {
      await session.refresh().catch(() => {});
      if (!session.signedIn()) {
        this.#setState('closed', {code: event.code});
        return;
      }
    }
    const delay = Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.#setState('reconnecting', {attempt: this.attempt, code: event.code, delay});
    this.retryTimer = setTimeout(() => this.#connect(), delay);
  }

  /** Keeps an open socket past the old token's expiry (the `auth` frame of both protocols). */
  reauthenticate() {
    if (session.token()) this.send({type: 'auth', token: session.token()}, {key: 'auth', first: true});
  }
}
