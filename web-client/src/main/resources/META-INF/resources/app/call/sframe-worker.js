// The worker behind every RTCRtpScriptTransform of one call (module worker, one per call): SFrame-encrypts each
// encoded frame a sender produces and decrypts each frame a receiver gets, with keys from the conversation's MLS
// group that the page pushes per epoch (sframe.js). One worker for all of a call's transforms, so every stream
// that sends with this member's KID draws from one counter.
//
// Fail closed: a frame is never sent in clear. Without a sending key a sender drops its frames; a frame that does
// not decrypt (no key for its KID, not authentic, replayed, malformed) is dropped and counted by reason.
//
// Messages from the page: {type: 'epoch', epoch, baseKey, leafIndex, leafCount}, {type: 'stats'} (answered with
// {type: 'stats', …}), and, for tests only, {type: 'probe', frames}: then the first `frames` frames of each transform
// (and every key frame up to that many again) are reported as {type: 'sample', mode, side, kind, frameType, wire,
// media, length}, `wire` being the first 16 bytes as they go over the network and `media` the first 16 the codec sees.
// Transforms made with {mode: 'probe'} pass frames through untouched and only report them (a plaintext call, for
// comparison).
import {MlsSFrameContext, SFrameError} from './sframe.js';

const SAMPLE_BYTES = 16;
const context = new MlsSFrameContext();
const counts = {encrypted: 0, decrypted: 0, dropped: {}};
const transformers = new Set();
let probe = null;

self.onmessage = async ({data}) => {
  try {
    if (data.type === 'epoch') {
      const added = await context.addEpoch(data);
      self.postMessage({type: 'epoch', epoch: data.epoch, added});
      if (added) transformers.forEach(keyFrameAfterNewKeys);
    } else if (data.type === 'stats') {
      self.postMessage({type: 'stats', ...counts, dropped: {...counts.dropped}, sendingEpoch: context.sendingEpoch});
    } else if (data.type === 'probe') {
      probe = {frames: data.frames};
    }
  } catch (e) {
    self.postMessage({type: 'error', message: String(e?.message ?? e)});
  }
};

self.onrtctransform = ({transformer}) => {
  const {side, kind, mode = 'sframe'} = transformer.options;
  const state = {transformer, side, kind, mode, seen: 0, keyFramesSeen: 0, starved: false};
  transformers.add(state);
  const transform = mode === 'probe' ? passThrough : side === 'send' ? encryptFrame : decryptFrame;
  transformer.readable
    .pipeThrough(new TransformStream({transform: (frame, controller) => transform(state, frame, controller)}))
    .pipeTo(transformer.writable)
    .catch(() => {})
    .finally(() => transformers.delete(state));
};

async function encryptFrame(state, frame, controller) {
  const media = new Uint8Array(frame.data);
  let wire;
  try {
    wire = await context.protect(media);
  } catch (e) {
    drop(state, e);
    return;
  }
  counts.encrypted++;
  sample(state, frame, wire, media);
  frame.data = wire.buffer;
  controller.enqueue(frame);
}

async function decryptFrame(state, frame, controller) {
  const wire = new Uint8Array(frame.data);
  let media;
  try {
    media = await context.unprotect(wire);
  } catch (e) {
    drop(state, e);
    return;
  }
  counts.decrypted++;
  sample(state, frame, wire, media);
  frame.data = media.buffer;
  controller.enqueue(frame);
}

function passThrough(state, frame, controller) {
  const bytes = new Uint8Array(frame.data);
  sample(state, frame, bytes, bytes);
  controller.enqueue(frame);
}

function drop(state, error) {
  const reason = error instanceof SFrameError ? error.reason : 'error';
  counts.dropped[reason] = (counts.dropped[reason] ?? 0) + 1;
  // a receiver short of keys wants a key frame as soon as they come: until then nothing it gets can be decoded
  if (reason === 'unknown-key') state.starved = true;
}

/**
 * After new keys: a receiver that dropped frames for want of them asks for a key frame, and a video sender makes
 * one, so the other side's decoder starts again at once instead of at the next periodic key frame.
 */
function keyFrameAfterNewKeys(state) {
  if (state.kind !== 'video') return;
  if (state.side === 'send') state.transformer.generateKeyFrame?.().catch(() => {});
  else if (state.starved) state.transformer.sendKeyFrameRequest?.().catch(() => {});
  state.starved = false;
}

function sample(state, frame, wire, media) {
  if (!probe) return;
  const frameType = frame.type ?? null; // video frames: 'key' or 'delta'; audio frames have none
  const key = frameType === 'key';
  if (state.seen >= probe.frames && !(key && state.keyFramesSeen < probe.frames)) return;
  state.seen++;
  if (key) state.keyFramesSeen++;
  self.postMessage({type: 'sample', mode: state.mode, side: state.side, kind: state.kind, frameType,
    length: wire.length, wire: hex(wire.subarray(0, SAMPLE_BYTES)), media: hex(media.subarray(0, SAMPLE_BYTES))});
}

function hex(bytes) {
  return Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('');
}
