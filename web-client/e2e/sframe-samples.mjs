// Reads the encoded frames the call media worker sampled (its test hook: the first 16 bytes of a frame as it goes
// over the network, `wire`, and as the codec sees it, `media`) and says what is in clear where.
//
// A codec header is what a media server could read of a video frame: a VP8 key frame has the start code 9d 01 2a
// at bytes 3..5 (RFC 6386 §9.1), a VP9 key frame (profiles 0 to 2) the sync code 49 83 42 at bytes 1..3 (VP9
// bitstream specification §6.2). On the wire of an encrypted call every frame must be an SFrame ciphertext: a valid
// SFrame header, then no codec header at its offset after the header (nor anywhere in the sampled bytes after it).
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const {decodeHeader} = await import(path.join(here, '../src/main/resources/META-INF/resources/app/call/sframe.js'));

const SIGNATURES = [{codec: 'VP8', at: 3, bytes: '9d012a'}, {codec: 'VP9', at: 1, bytes: '498342'}];

/** The codec whose key frame header starts at `offset` of these hex bytes, if any. */
export function codecHeaderAt(hex, offset) {
  return SIGNATURES.find(s => hex.substr((offset + s.at) * 2, 6) === s.bytes)?.codec ?? null;
}

/** Whether a codec header's start code is anywhere in these hex bytes (at a byte boundary). */
function anyCodecHeader(hex) {
  return SIGNATURES.some(s => {
    for (let i = hex.indexOf(s.bytes); i >= 0; i = hex.indexOf(s.bytes, i + 1)) if (i % 2 === 0) return true;
    return false;
  });
}

export function inspectSamples(samples) {
  const wire = {count: 0, sframe: 0, notSFrame: 0, codecHeaders: 0, keyFramesWithCodecHeader: 0};
  const media = {keyFrames: 0, keyFramesWithCodecHeader: 0};
  const kids = new Set();
  const codecs = new Set();
  const examples = [];
  for (const sample of samples) {
    wire.count++;
    const mediaCodec = codecHeaderAt(sample.media, 0);
    if (sample.frameType === 'key') {
      media.keyFrames++;
      if (mediaCodec) media.keyFramesWithCodecHeader++;
    }
    if (mediaCodec) codecs.add(mediaCodec);
    if (sample.mode === 'probe') {
      if (sample.frameType === 'key' && codecHeaderAt(sample.wire, 0)) wire.keyFramesWithCodecHeader++;
      if (sample.frameType === 'key' && examples.length < 2) examples.push(`${sample.side} plaintext key frame ${sample.wire}`);
      continue;
    }
    let header;
    try {
      header = decodeHeader(Buffer.from(sample.wire, 'hex'));
    } catch {
      wire.notSFrame++;
      continue;
    }
    wire.sframe++;
    kids.add(Number(header.kid));
    const afterHeader = sample.wire.slice(header.length * 2);
    if (codecHeaderAt(sample.wire, header.length) || codecHeaderAt(sample.wire, 0) || anyCodecHeader(afterHeader)) {
      wire.codecHeaders++;
    }
    if (sample.frameType === 'key' && mediaCodec && examples.length < 4) {
      examples.push(`${sample.side} ${mediaCodec} key frame: codec sees ${sample.media}, wire ${sample.wire} `
        + `(SFrame KID ${header.kid} CTR ${header.ctr}, ${header.length}-byte header)`);
    }
  }
  const summary = `${wire.count} frames sampled (${codecs.size ? [...codecs].join(', ') : 'no'} video key frames seen by `
    + `the codec: ${media.keyFramesWithCodecHeader} of ${media.keyFrames} key frames with their header); on the wire `
    + `${wire.sframe} SFrame ciphertexts, ${wire.notSFrame} not SFrame, ${wire.codecHeaders} with a codec header in `
    + `clear, ${wire.keyFramesWithCodecHeader} plaintext key frames with their header; KIDs ${[...kids].join(', ') || '-'}`
    + examples.map(e => `\n    ${e}`).join('');
  return {wire, media, kids: [...kids], summary};
}
