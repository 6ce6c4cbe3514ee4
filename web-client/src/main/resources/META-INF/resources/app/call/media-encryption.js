// End-to-end encryption of a call's media in an `e2ee` conversation: SFrame (RFC 9605) on every encoded frame,
// through WebRTC encoded transforms (RTCRtpScriptTransform) run by one worker per call (sframe-worker.js), keyed
// from the conversation's MLS group: each epoch's base_key is MLS-Exporter("SFrame 1.0 Base Key", "", 16) (RFC 9605
// §5.2), pushed to the worker when the call starts and again whenever the group's epoch changes (a member or device
// joined or left), so a media server in the path, or anyone who left the group, sees only ciphertext.
//
// Video is VP9 where the browser has it: VP9's RTP depacketizer takes the frame type from the RTP payload
// descriptor, while VP8's reads it from the first byte of the frame itself, which SFrame encrypts, so with VP8 a
// receiver misreads key frames and, after a loss, never finds one again (seen in Chromium 156: video froze for good
// after 5 lost frames with VP8, and came back after one key frame request with VP9). VP8 stays as the fallback.
// Other codecs (H.264, AV1) are not offered: their packetizers parse the frame, which they cannot once encrypted.
import {KEY_BYTES, MLS_EXPORTER_LABEL, importBaseKey} from './sframe.js';

const VIDEO_CODECS = ['video/VP9', 'video/VP8'];
const SUPPORT_CODECS = ['video/rtx', 'video/red', 'video/ulpfec', 'video/flexfec-03'];

/** Whether this browser can encrypt call media at all. */
export const supported = () => typeof RTCRtpScriptTransform === 'function' && typeof Worker === 'function';

export class MediaEncryption {
  /**
   * @param mode 'sframe' to encrypt with keys from `keys` (the E2EE engine: exportSecret(conversationId, label,
   *   context, length) → {epoch, leafIndex, leafCount?, secret}, and 'change' events naming a conversation), or
   *   'probe' (tests only: frames pass in clear and are only sampled)
   */
  constructor({mode = 'sframe', conversationId = null, keys = null, probe = null} = {}) {
    this.mode = mode;
    this.conversationId = conversationId;
    this.keys = keys;
    this.epoch = null;
    this.stats = {encrypted: 0, decrypted: 0, dropped: {}};
    this.samples = probe?.samples ?? null;
    this.worker = new Worker(new URL('./sframe-worker.js', import.meta.url), {type: 'module'});
    this.worker.onmessage = ({data}) => this.#onWorkerMessage(data);
    if (probe) this.worker.postMessage({type: 'probe', frames: probe.frames ?? 30});
    this.onKeysChanged = event => {
      // a change of this conversation, or of all of them (detail without one)
      const id = event.detail?.conversationId;
      if (id === undefined || id === this.conversationId) this.rekey().catch(e => console.warn('call rekey failed', e));
    };
  }

  /** Pushes the current epoch's key; refuses (throws) when this device has no key for the conversation. */
  async start() {
    if (this.mode !== 'sframe') return;
    this.keys.addEventListener('change', this.onKeysChanged);
    await this.rekey();
  }

  /** Hands the worker the base_key of the group's current epoch, if it is a new one. */
  async rekey() {
    const exported =
      await this.keys.exportSecret(this.conversationId, MLS_EXPORTER_LABEL, new Uint8Array(0), KEY_BYTES);
    if (this.epoch !== null && BigInt(exported.epoch) <= this.epoch) return;
    const baseKey = await importBaseKey(exported.secret);
    exported.secret.fill(0);
    this.epoch = BigInt(exported.epoch);
    this.worker.postMessage({type: 'epoch', epoch: this.epoch, baseKey, leafIndex: exported.leafIndex,
      leafCount: exported.leafCount});
  }

  /**
   * Encrypts what a transceiver sends and decrypts what it receives, both set as soon as it exists (after addTrack):
   * Chromium 156 passes no frame to a transform set on a send-and-receive transceiver's receiver later, in `track`.
   */
  attachTransceiver(transceiver) {
    this.attach(transceiver.sender, 'send', transceiver.receiver.track.kind);
    this.attachRemote(transceiver);
  }

  /**
   * Decrypts what a transceiver receives, unless that is in place already (a transceiver the other side made gets it
   * at its `track` event, and keeps it when addTrack later sends on it too).
   */
  attachRemote(transceiver) {
    if (transceiver.receiver.transform) return;
    this.attach(transceiver.receiver, 'receive', transceiver.receiver.track.kind);
    this.preferCodecs(transceiver);
  }

  /** The transform for a sender (`side` 'send') or a receiver ('receive'); set it before media flows. */
  attach(senderOrReceiver, side, kind) {
    senderOrReceiver.transform = new RTCRtpScriptTransform(this.worker, {side, kind, mode: this.mode});
  }

  /** VP9 first, VP8 next, nothing the packetizers would parse (see above); audio is left as it is. */
  preferCodecs(transceiver) {
    if (this.mode !== 'sframe' || transceiver.receiver.track?.kind !== 'video') return;
    const codecs = RTCRtpReceiver.getCapabilities('video')?.codecs ?? [];
    const ordered = [...VIDEO_CODECS.flatMap(type => codecs.filter(c => c.mimeType === type)),
      ...codecs.filter(c => SUPPORT_CODECS.includes(c.mimeType))];
    if (ordered.some(c => VIDEO_CODECS.includes(c.mimeType))) transceiver.setCodecPreferences(ordered);
  }

  /** Asks the worker for its counts; they land in `stats` a moment later. */
  refreshStats() {
    this.worker.postMessage({type: 'stats'});
  }

  #onWorkerMessage(data) {
    if (data.type === 'stats') this.stats = data;
    else if (data.type === 'sample') this.samples?.push(data);
    else if (data.type === 'error') console.warn('call media encryption:', data.message);
  }

  stop() {
    this.keys?.removeEventListener('change', this.onKeysChanged);
    this.worker.terminate();
  }
}
