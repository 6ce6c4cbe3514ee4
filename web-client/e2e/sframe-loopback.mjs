// The call media encryption (app/call/media-encryption.js, sframe-worker.js, sframe.js) in headless Chromium,
// without the rest of the system: two peer connections in one page, each side with its own MediaEncryption as a
// call has, keyed by a stand-in for the MLS engine (its exportSecret hands both sides the same secret per epoch, as
// a group's exporter does). Checks that
// - video (VP9, preferred for encrypted calls) and audio decode on both sides, every frame on the wire an SFrame
//   ciphertext (valid header, the sender's KID for its leaf and epoch) with no codec header in clear after it, while
//   the same hook sees the codec headers before encryption and after decryption;
// - a new epoch (a member joined or left) moves both senders to new KIDs and the media goes on;
// - a member left behind in an old epoch (a removed one) decodes nothing more, and once it has the keys (it is back
//   in the group) it decodes again;
// - a plaintext call in the same page shows the VP8 key frame start code on the wire, so the hook does see it.
// Usage: node sframe-loopback.mjs (no system needed). Prints figures; exits non-zero when a check fails.
import http from 'node:http';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {launch, log} from './browser.mjs';
import {inspectSamples} from './sframe-samples.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const resources = path.join(here, '../src/main/resources/META-INF/resources');
const TIMEOUT_MS = 30_000;

const PAGE = `<!doctype html><meta charset="utf-8"><title>SFrame loopback</title><body><script type="module">
import {MediaEncryption} from '/app/call/media-encryption.js';
const secrets = new Map();
const secretOf = epoch => secrets.get(epoch) ?? secrets.set(epoch, crypto.getRandomValues(new Uint8Array(16))).get(epoch);
class StandInGroup extends EventTarget {
  constructor(leafIndex) { super(); this.leafIndex = leafIndex; this.epoch = 1n; }
  async exportSecret(conversationId, label, context, length) {
    if (label !== 'SFrame 1.0 Base Key' || context.length !== 0 || length !== 16) throw new Error('not the SFrame export');
    return {epoch: this.epoch, leafIndex: this.leafIndex, leafCount: 2, secret: secretOf(this.epoch).slice()};
  }
  advance(epoch) { this.epoch = BigInt(epoch); this.dispatchEvent(new CustomEvent('change', {detail: {conversationId: 'c'}})); }
}
window.startCall = async mode => {
  const stream = await navigator.mediaDevices.getUserMedia({audio: true, video: {width: 640, height: 360}});
  const sides = [0, 1].map(leafIndex => {
    const keys = new StandInGroup(leafIndex);
    const probe = {frames: 40, samples: []};
    return {keys, probe, pc: new RTCPeerConnection(),
      encryption: new MediaEncryption(mode === 'sframe' ? {conversationId: 'c', keys, probe} : {mode: 'probe', probe})};
  });
  window.sides = sides;
  for (const [i, side] of sides.entries()) {
    const other = sides[1 - i];
    await side.encryption.start();
    side.pc.onicecandidate = ({candidate}) => candidate && other.pc.addIceCandidate(candidate);
    side.pc.ontrack = ({transceiver}) => side.encryption.attachRemote(transceiver);
    for (const track of stream.getTracks()) {
      const sender = side.pc.addTrack(track, stream);
      side.encryption.attachTransceiver(side.pc.getTransceivers().find(t => t.sender === sender));
    }
  }
  const [a, b] = sides.map(s => s.pc);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
};
window.figures = async () => Promise.all(sides.map(async side => {
  side.encryption.refreshStats();
  const out = {connection: side.pc.connectionState, stats: side.encryption.stats};
  const report = await side.pc.getStats();
  report.forEach(r => {
    if (r.type === 'inbound-rtp' && r.kind === 'video') Object.assign(out, {framesDecoded: r.framesDecoded,
      codec: report.get(r.codecId)?.mimeType});
    if (r.type === 'inbound-rtp' && r.kind === 'audio') out.audioPackets = r.packetsReceived;
  });
  return JSON.parse(JSON.stringify(out, (k, v) => typeof v === 'bigint' ? Number(v) : v));
}));
window.samples = () => sides.map(s => s.probe.samples);
window.stopCall = () => sides.forEach(s => { s.pc.close(); s.encryption.stop(); });
</script>`;

const server = http.createServer(async (request, response) => {
  const {pathname} = new URL(request.url, 'http://localhost');
  if (pathname === '/') {
    response.writeHead(200, {'content-type': 'text/html'}).end(PAGE);
    return;
  }
  const file = path.join(resources, path.normalize(pathname));
  if (!file.startsWith(path.join(resources, 'app'))) {
    response.writeHead(404).end();
    return;
  }
  try {
    response.writeHead(200, {'content-type': 'text/javascript'}).end(await readFile(file));
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const browser = await launch();
const failures = [];
const expect = (ok, what) => {
  if (!ok) failures.push(what);
  log(`  ${ok ? 'ok' : 'FAILED'}: ${what}`);
};

try {
  const page = await browser.newPage();
  page.on('pageerror', error => log(`  page error: ${error.message}`));
  page.on('console', message => message.type() === 'error' && log(`  console: ${message.text()}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const figures = () => page.evaluate(() => window.figures());
  const until = async (what, test) => {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const now = await figures();
      if (test(now)) return now;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(now)}`);
      await page.waitForTimeout(250);
    }
  };
  const show = now => now.map((s, i) => `side ${i}: ${s.framesDecoded} video frames decoded (${s.codec}), `
    + `${s.stats.encrypted} frames encrypted, ${s.stats.decrypted} decrypted, dropped ${JSON.stringify(s.stats.dropped)}`
    + `, sending epoch ${s.stats.sendingEpoch}`).join(' | ');

  log('an encrypted call: both sides decode video and audio');
  await page.evaluate(() => window.startCall('sframe'));
  let now = await until('frames decoded on both sides',
    f => f.every(s => s.connection === 'connected' && s.framesDecoded > 30 && s.audioPackets > 0));
  log(`  ${show(now)}`);
  expect(now.every(s => s.codec === 'video/VP9'), 'video is VP9');
  const encrypted = inspectSamples((await page.evaluate(() => window.samples())).flat());
  log(`  ${encrypted.summary}`);
  expect(encrypted.wire.count > 0 && encrypted.wire.notSFrame === 0, 'every sampled frame on the wire is SFrame');
  expect(encrypted.wire.codecHeaders === 0, 'no codec header in clear after the SFrame header');
  expect(encrypted.media.keyFramesWithCodecHeader > 0, 'the hook sees the codec headers before encryption');
  expect(encrypted.kids.every(k => k === 0x01 || k === 0x11), `KIDs are leaf << 4 | epoch 1: ${encrypted.kids}`);

  log('a new epoch (a member joined or left): both move to it and the media goes on');
  await page.evaluate(() => sides.forEach(s => s.keys.advance(2)));
  const before = now.map(s => s.framesDecoded);
  now = await until('frames decoded in epoch 2', f => f.every((s, i) => s.stats.sendingEpoch === 2
    && s.framesDecoded > before[i] + 30));
  log(`  ${show(now)}`);

  log('side 1 is left behind in epoch 2 (removed) while side 0 goes on to epoch 3: side 1 decodes nothing more');
  await page.evaluate(() => window.sides[0].keys.advance(3));
  await until('side 0 in epoch 3', f => f[0].stats.sendingEpoch === 3);
  await page.waitForTimeout(1_000);   // frames encrypted before the switch are still arriving
  const stalled = (await figures())[1];
  await page.waitForTimeout(3_000);
  now = await figures();
  log(`  ${show(now)}`);
  expect(now[1].framesDecoded - stalled.framesDecoded <= 1,
    `side 1 decoded ${now[1].framesDecoded - stalled.framesDecoded} frames in 3 s without the epoch's key`);
  expect((now[1].stats.dropped['unknown-key'] ?? 0) > 50, 'side 1 dropped what it had no key for');

  log('side 1 gets epoch 3 (back in the group): it decodes again');
  await page.evaluate(() => window.sides[1].keys.advance(3));
  const resumedFrom = now[1].framesDecoded;
  now = await until('side 1 decoding again', f => f[1].framesDecoded > resumedFrom + 30);
  log(`  ${show(now)}`);
  await page.evaluate(() => window.stopCall());

  log('a plaintext call in the same page: the hook sees the codec headers on the wire');
  await page.evaluate(() => window.startCall('probe'));
  now = await until('frames decoded in the plaintext call', f => f.every(s => s.framesDecoded > 30));
  log(`  ${show(now)}`);
  const plain = inspectSamples((await page.evaluate(() => window.samples())).flat());
  log(`  ${plain.summary}`);
  expect(plain.wire.keyFramesWithCodecHeader > 0, 'the plaintext call shows key frame headers on the wire');
  await page.evaluate(() => window.stopCall());
} catch (error) {
  failures.push(error.message);
  log(`FAILED: ${error.stack ?? error}`);
} finally {
  await browser.close();
  server.close();
}
log(failures.length ? `FAILED: ${failures.join('; ')}` : 'PASSED');
process.exit(failures.length ? 1 : 0);
