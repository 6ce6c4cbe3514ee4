// The client side of MLS, in one Node process: what the browser will spend on each operation (same library, same
// WebCrypto primitives; V8 as in Chromium), beside the plaintext path on the same message.
import { decodeGroupState } from "ts-mls";
import * as mls from "./mls.mjs";
import { repeat, summary, throughput, timed } from "./measure.mjs";

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const log = (...a) => console.error("bench e2ee:", ...a);

/** The message of the throughput rows: a text whose JSON plaintext (docs/e2ee.md) is 200 bytes. */
export function textMessage() {
  const shell = JSON.stringify({ kind: "text", text: "" });
  const text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip.";
  return { kind: "text", text: text.slice(0, 200 - shell.length) };
}

export async function runLocal(options) {
  const impl = await mls.cipherSuite();
  const issuer = await mls.credentialIssuer();
  const results = { basics: {}, build: [], add: [], remove: [], messages: [], state: [] };
  let devices = 0;
  const newDevice = () => mls.device(impl, issuer, devices++);

  // Basics: one device's key package, one group, one credential check.
  const someone = await newDevice();
  results.basics.keyPackage = await repeat(50, 5, () => someone.keyPackage());
  const kp = await someone.keyPackage();
  results.basics.keyPackageBytes = mls.keyPackageBytes(kp).length;
  // a group consumes its creator's package: a fresh one each time, not timed
  results.basics.createGroup = await repeat(30, 3, (k) => mls.newGroup(impl, issuer, k), () => someone.keyPackage());
  results.basics.credentialCheck = await repeat(200, 20, () =>
    issuer.authService.validateCredential(kp.publicPackage.leafNode.credential, kp.publicPackage.leafNode.signaturePublicKey));

  // The group grows by batched adds from its creator (leaf 0); an observer (leaf 1) joins first and applies every
  // later commit as any member would.
  const creator = await newDevice();
  let state = await mls.newGroup(impl, issuer, await creator.keyPackage());
  const observerDevice = await newDevice();
  const observerKp = await observerDevice.keyPackage();
  const first = await mls.commit(impl, state, [observerKp]);
  state = first.newState;
  let observer = await mls.join(impl, issuer, first.welcomeBytes, state.ratchetTree, observerKp);
  let size = 2;

  for (const [i, target] of options.sizes.entries()) {
    const build = { size: target, from: size, commits: 0, keyPackagesMs: 0, commitsMs: 0, applyMs: 0 };
    const whole = await timed(async () => {
      while (size < target) {
        const n = Math.min(options.batch, target - size);
        const kps = await timed(async () => {
          const made = [];
          for (let k = 0; k < n; k++) made.push(await (await newDevice()).keyPackage());
          return made;
        });
        const c = await timed(() => mls.commit(impl, state, kps.value));
        const applied = await timed(() => mls.applyCommit(impl, observer, c.value.commitBytes));
        build.keyPackagesMs += kps.ms;
        build.commitsMs += c.ms;
        build.applyMs += applied.ms;
        observer = applied.value;
        state = c.value.newState;
        size += n;
        build.commits++;
      }
    });
    build.totalMs = whole.ms;
    build.totalCpuMs = whole.cpu;
    results.build.push(build);
    log(`group of ${size} built in ${(build.totalMs / 1000).toFixed(1)} s`);

    const reps = options.reps[i] ?? options.reps.at(-1);
    results.add.push(await addOne(impl, issuer, newDevice, state, observer, size, reps));
    log(`add 1 to ${size} measured`);
    results.remove.push(await removeOne(impl, state, observer, size, reps));
    results.state.push(await stateCost(state, size));
    if (options.messageSizes.includes(size)) {
      results.messages.push(await messages(impl, state, observer, size, options.messageSeconds));
      log(`messages at ${size} measured`);
    }
  }

  // Messages in a group of two, and the plaintext references, on the same message.
  if (options.messageSizes.includes(2)) {
    const pair = await groupOfTwo(impl, issuer, newDevice);
    results.messages.unshift(await messages(impl, pair.alice, pair.bob, 2, options.messageSeconds));
  }
  results.messages.unshift(...(await plaintextReferences(options.messageSeconds)));
  results.credentialChecks = issuer.checks;
  return results;
}

/** Repetition 0 is a warmup; the others' wall and CPU times go into summaries, keyed like `times`' members. */
function collect() {
  const series = {};
  return {
    add(name, t) {
      series[name] ??= { wall: [], cpu: [] };
      series[name].wall.push(t.ms);
      series[name].cpu.push(t.cpu);
    },
    get(name) {
      return { ...summary(series[name].wall), cpu: summary(series[name].cpu) };
    },
  };
}

async function addOne(impl, issuer, newDevice, state, observer, size, reps) {
  const times = collect();
  let last;
  for (let r = 0; r < reps + 1; r++) {
    const kp = await (await newDevice()).keyPackage();
    const commit = await timed(() => mls.commit(impl, state, [kp]));
    const c = commit.value;
    const tree = mls.encodeTree(c.newState); // sent beside the Welcome
    const apply = await timed(() => mls.applyCommit(impl, observer, c.commitBytes));
    const join = await timed(() => mls.join(impl, issuer, c.welcomeBytes, c.newState.ratchetTree, kp));
    if (r === 0) continue;
    times.add("commit", commit);
    times.add("apply", apply);
    times.add("join", join);
    last = { commit: c.commitBytes.length, welcome: c.welcomeBytes.length, tree: tree.length, path: mls.pathCiphertexts(c) };
  }
  return { size, reps, commit: times.get("commit"), apply: times.get("apply"), join: times.get("join"), bytes: last };
}

/** Removing a member needs an UpdatePath: the committer encrypts a new path secret to the rest of the tree. */
async function removeOne(impl, state, observer, size, reps) {
  const times = collect();
  let last;
  for (let r = 0; r < reps + 1; r++) {
    const commit = await timed(() => mls.commit(impl, state, [], [size - 1]));
    const apply = await timed(() => mls.applyCommit(impl, observer, commit.value.commitBytes));
    if (r === 0) continue;
    times.add("commit", commit);
    times.add("apply", apply);
    last = { commit: commit.value.commitBytes.length, path: mls.pathCiphertexts(commit.value) };
  }
  return { size, reps, commit: times.get("commit"), apply: times.get("apply"), bytes: last };
}

/** The client stores its group state (IndexedDB) after every change; this is what one save and one load cost. */
async function stateCost(state, size) {
  let encoded;
  const encode = await repeat(5, 1, () => {
    encoded = mls.stateBytes(state);
  });
  const decode = await repeat(5, 1, () => decodeGroupState(encoded, 0));
  return { size, bytes: encoded.length, encode, decode };
}

async function groupOfTwo(impl, issuer, newDevice) {
  const a = await newDevice();
  const b = await newDevice();
  const bKp = await b.keyPackage();
  const c = await mls.commit(impl, await mls.newGroup(impl, issuer, await a.keyPackage()), [bKp]);
  return { alice: c.newState, bob: await mls.join(impl, issuer, c.welcomeBytes, c.newState.ratchetTree, bKp) };
}

/**
 * One sender, one receiver, the same 200-byte JSON message: encrypt (JSON, UTF-8, MLS private message, wire bytes)
 * and decrypt (wire bytes, MLS, UTF-8, JSON) are timed apart, each back to back for `seconds`.
 */
async function messages(impl, sender, receiver, size, seconds) {
  const message = textMessage();
  const wire = [];
  let s = sender;
  const enc = await throughput(seconds, 200, async () => {
    const out = await mls.encrypt(impl, s, utf8.encode(JSON.stringify(message)));
    s = out.newState;
    wire.push(out.bytes);
  });
  let r = receiver;
  let i = 0; // the receiver decrypts every message the sender made, warmup ones included, in order
  const dec = await throughput(0, wire.length - 20, async () => {
    const out = await mls.decrypt(impl, r, wire[i++]);
    r = out.newState;
    JSON.parse(fromUtf8.decode(out.message));
  });
  return {
    path: `MLS (ts-mls), group of ${size}`,
    size,
    encrypt: enc,
    decrypt: dec,
    plaintextBytes: utf8.encode(JSON.stringify(message)).length,
    wireBytes: wire[0].length,
  };
}

/** The plaintext send path's own work on the same message, and AES-GCM with WebCrypto as the floor of any cipher. */
async function plaintextReferences(seconds) {
  const message = textMessage();
  const json = JSON.stringify(message);
  let text;
  const jsonEnc = await throughput(seconds, 1000, () => {
    text = JSON.stringify(message);
  });
  const jsonDec = await throughput(seconds, 1000, () => JSON.parse(text));

  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, false, ["encrypt", "decrypt"]);
  let sealed;
  const aesEnc = await throughput(seconds, 1000, async () => {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, utf8.encode(JSON.stringify(message)));
    sealed = { iv, ct };
  });
  const aesDec = await throughput(seconds, 1000, async () => {
    const pt = await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.ct);
    JSON.parse(fromUtf8.decode(pt));
  });
  const plaintextBytes = utf8.encode(json).length;
  return [
    { path: "plaintext: JSON.stringify / JSON.parse", encrypt: jsonEnc, decrypt: jsonDec, plaintextBytes, wireBytes: plaintextBytes },
    { path: "WebCrypto AES-128-GCM, one key (+ JSON)", encrypt: aesEnc, decrypt: aesDec, plaintextBytes, wireBytes: plaintextBytes + 12 + 16 },
  ];
}
