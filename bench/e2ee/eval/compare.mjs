#!/usr/bin/env node
// The library evaluation of issue 21: ts-mls and @wireapp/core-crypto on the same operations, in one Node process.
// Not part of `bench/run e2ee` (core-crypto is GPL-3.0 and 50 MB; it stays out of the bench's lockfile). Run it with
// the candidates installed in a scratch folder:
//
//   mkdir -p /tmp/mlseval && cd /tmp/mlseval && npm init -y >/dev/null &&
//     npm install ts-mls@1.6.4 @noble/hashes@2.4.0 @noble/curves@2.0.1 @wireapp/core-crypto@10.3.0
//   MLS_EVAL_DIR=/tmp/mlseval node bench/e2ee/eval/compare.mjs [--sizes 10,100] [--reps 5] [--messages 300]
//
// core-crypto's Node build (dist/native) needs glibc 2.38 and the undeclared package @ubjs/node; its browser build
// (WebAssembly) refuses to start without `window`, so this script gives it one and serves its .wasm to its fetch
// (see core-crypto-in-node.mjs). Both libraries then run on V8's WebAssembly and WebCrypto, as in Chromium.
// Credentials: basic, with the library's default acceptance (core-crypto has no hook for basic credentials), so the
// numbers compare the libraries' own work.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { serveWasmToFetch } from "./core-crypto-in-node.mjs";

const dir = process.env.MLS_EVAL_DIR ?? "/tmp/mlseval";
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const SIZES = opt("--sizes", "10,100").split(",").map(Number);
const REPS = Number(opt("--reps", "5"));
const MESSAGES = Number(opt("--messages", "300"));
const TEXT = new TextEncoder().encode(JSON.stringify({ kind: "text", text: "x".repeat(180) })); // 200 bytes

// Every figure is a pair {wall, cpu} in ms: on a shared machine the wall time includes waiting for a core, the CPU
// time of the process (all threads) does not.
const clock = () => {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
};
const since = (t0) => {
  const t = clock();
  return { wall: t.wall - t0.wall, cpu: t.cpu - t0.cpu };
};
const now = clock;
const median = (xs) => {
  const pick = (k) => [...xs.map((x) => x[k])].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: pick("wall"), cpu: pick("cpu") };
};
const per = (t, n) => ({ wall: t.wall / n, cpu: t.cpu / n });
const log = (...a) => console.error("compare:", ...a);
const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

async function timeEach(n, fn) {
  await fn(-1); // warmup
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = now();
    await fn(i);
    xs.push(since(t));
  }
  return median(xs);
}

// ---------------------------------------------------------------------------------------------------------- ts-mls
async function tsMls(providerName) {
  const m = await import(pathToFileURL(join(dir, "node_modules/ts-mls/dist/src/index.js")));
  const provider = providerName === "noble" ? m.nobleCryptoProvider : m.defaultCryptoProvider;
  const impl = await m.getCiphersuiteImpl(m.getCiphersuiteFromName("MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"), provider);
  let n = 0;
  const kp = () => m.generateKeyPackage({ credentialType: "basic", identity: new TextEncoder().encode(`device-${n++}`) },
    m.defaultCapabilities(), m.defaultLifetime, [], impl);
  const add = (kps) => ({ wireAsPublicMessage: true, extraProposals: kps.map((k) => ({ proposalType: "add", add: { keyPackage: k.publicPackage } })) });
  const welcomeOf = (c) => m.decodeMlsMessage(m.encodeMlsMessage({ version: "mls10", wireformat: "mls_welcome", welcome: c.welcome }), 0)[0].welcome;
  const lib = { name: `ts-mls 1.6.4 (${providerName} provider)` };

  lib.keyPackage = await timeEach(30, () => kp());
  lib.createGroup = await timeEach(30, async () => m.createGroup(crypto.getRandomValues(new Uint8Array(16)), ...Object.values(await kp()), [], impl));

  // a group built by batched adds, a member who applies each commit, then 1 add at a time, accepted (the group grows)
  const creator = await kp();
  let state = await m.createGroup(crypto.getRandomValues(new Uint8Array(16)), creator.publicPackage, creator.privatePackage, [], impl);
  const memberKp = await kp();
  let c = await m.createCommit({ state, cipherSuite: impl }, add([memberKp]));
  state = c.newState;
  let member = await m.joinGroup(welcomeOf(c), memberKp.publicPackage, memberKp.privatePackage, m.emptyPskIndex, impl, state.ratchetTree);
  let size = 2;
  lib.add = [];
  for (const target of SIZES) {
    const t0 = now();
    while (size < target) {
      const kps = [];
      for (let i = 0; i < Math.min(100, target - size); i++) kps.push(await kp());
      c = await m.createCommit({ state, cipherSuite: impl }, add(kps));
      state = c.newState;
      member = (await m.processPublicMessage(member, c.commit.publicMessage, m.emptyPskIndex, impl)).newState;
      size += kps.length;
    }
    const build = since(t0);
    const commit = [], apply = [], joins = [];
    let bytes;
    for (let r = 0; r <= REPS; r++) {
      const k = await kp();
      let t = now();
      c = await m.createCommit({ state, cipherSuite: impl }, add([k]));
      const ct = since(t);
      const commitBytes = m.encodeMlsMessage(c.commit);
      t = now();
      member = (await m.processPublicMessage(member, m.decodeMlsMessage(commitBytes, 0)[0].publicMessage, m.emptyPskIndex, impl)).newState;
      const at = since(t);
      t = now();
      await m.joinGroup(welcomeOf(c), k.publicPackage, k.privatePackage, m.emptyPskIndex, impl, c.newState.ratchetTree);
      const jt = since(t);
      state = c.newState;
      size++;
      if (r === 0) continue;
      commit.push(ct); apply.push(at); joins.push(jt);
      bytes = { commit: commitBytes.length, welcome: m.encodeMlsMessage({ version: "mls10", wireformat: "mls_welcome", welcome: c.welcome }).length,
        tree: (await import(pathToFileURL(join(dir, "node_modules/ts-mls/dist/src/ratchetTree.js")))).encodeRatchetTree(state.ratchetTree).length };
    }
    lib.add.push({ size: target, build, commit: median(commit), apply: median(apply), join: median(joins), bytes });
    log(lib.name, "add at", target);
  }

  // messages: creator -> member in that group, and in a fresh group of two
  const pair = await (async () => {
    const a = await kp(), b = await kp();
    const g = await m.createGroup(crypto.getRandomValues(new Uint8Array(16)), a.publicPackage, a.privatePackage, [], impl);
    const cc = await m.createCommit({ state: g, cipherSuite: impl }, add([b]));
    return [cc.newState, await m.joinGroup(welcomeOf(cc), b.publicPackage, b.privatePackage, m.emptyPskIndex, impl, cc.newState.ratchetTree)];
  })();
  lib.messages = [];
  for (const [label, s0, r0] of [["2", ...pair], [String(size), state, member]]) {
    let s = s0, r = r0;
    const wire = [];
    let t = now();
    for (let i = 0; i < MESSAGES; i++) {
      const out = await m.createApplicationMessage(s, TEXT, impl);
      s = out.newState;
      wire.push(m.encodeMlsMessage({ version: "mls10", wireformat: "mls_private_message", privateMessage: out.privateMessage }));
    }
    const enc = per(since(t), MESSAGES);
    t = now();
    for (const w of wire) r = (await m.processPrivateMessage(r, m.decodeMlsMessage(w, 0)[0].privateMessage, m.emptyPskIndex, impl)).newState;
    const dec = per(since(t), MESSAGES);
    lib.messages.push({ group: label, enc, dec, wire: wire[0].length });
  }
  return lib;
}

// ----------------------------------------------------------------------------------------------------- core-crypto
async function coreCrypto() {
  const base = join(dir, "node_modules/@wireapp/core-crypto/dist/browser");
  await serveWasmToFetch();
  const cc = await import(pathToFileURL(join(base, "corecrypto.js")));
  await cc.initWasmModule(pathToFileURL(join(base, "autogenerated/wasm-bindgen/index_bg.wasm")).href);
  const CS = cc.CipherSuite.Mls128Dhkemx25519Aes128gcmSha256Ed25519;
  const lib = { name: `@wireapp/core-crypto ${cc.version()} (WebAssembly build)` };
  let bundle; // what the transport was given: core-crypto merges a commit only after its transport accepted it
  const transport = { async sendCommitBundle(b) { bundle = b; }, async prepareForTransport() { return new Uint8Array(); } };
  let n = 0;
  async function client() {
    const core = cc.CoreCrypto.new(await cc.Database.inMemory());
    const id = new cc.ClientId(new cc.Uuid(crypto.randomUUID()), new cc.DeviceId(BigInt(++n)), "bench.example");
    const cred = await core.transaction(async (ctx) => {
      await ctx.mlsInit(id, transport);
      return ctx.addCredential(cc.Credential.basic(CS, id));
    });
    return { core, cred, kp: () => core.transaction((ctx) => ctx.generateKeyPackage(cred)) };
  }
  const someone = await client();
  lib.keyPackage = await timeEach(30, () => someone.kp());
  lib.createGroup = await timeEach(30, () => someone.core.transaction((ctx) => ctx.createConversation(new cc.ConversationId(crypto.getRandomValues(new Uint8Array(16))), someone.cred)));
  const clientSetup = await timeEach(10, () => client());
  lib.note = `a client (CoreCrypto instance, in-memory keystore, mlsInit, credential) takes ${f(clientSetup.wall)} ms (CPU ${f(clientSetup.cpu)} ms)`;

  const creator = await client();
  const conv = new cc.ConversationId(crypto.getRandomValues(new Uint8Array(16)));
  await creator.core.transaction((ctx) => ctx.createConversation(conv, creator.cred));
  const member = await client();
  const addAll = async (kps) => {
    await creator.core.transaction((ctx) => ctx.addClientsToConversation(conv, kps.map((k) => new cc.KeyPackage(k.serialize()))));
    return bundle;
  };
  let b = await addAll([await member.kp()]);
  await member.core.transaction((ctx) => ctx.processWelcomeMessage(new cc.Welcome(b.welcome.serialize())));
  let size = 2;
  lib.add = [];
  for (const target of SIZES) {
    const t0 = now();
    while (size < target) {
      const kps = [];
      for (let i = 0; i < Math.min(100, target - size); i++) kps.push(await (await client()).kp());
      b = await addAll(kps);
      await member.core.transaction((ctx) => ctx.decryptMessage(conv, b.commit));
      size += kps.length;
    }
    const build = since(t0);
    const commit = [], apply = [], joins = [];
    let bytes;
    for (let r = 0; r <= REPS; r++) {
      const newcomer = await client();
      const k = await newcomer.kp();
      let t = now();
      b = await addAll([k]);
      const ct = since(t);
      t = now();
      await member.core.transaction((ctx) => ctx.decryptMessage(conv, b.commit));
      const at = since(t);
      t = now();
      await newcomer.core.transaction((ctx) => ctx.processWelcomeMessage(new cc.Welcome(b.welcome.serialize())));
      const jt = since(t);
      size++;
      if (r === 0) continue;
      commit.push(ct); apply.push(at); joins.push(jt);
      bytes = { commit: b.commit.length, welcome: b.welcome.serialize().length, groupInfo: b.groupInfo.payload.length,
        wireFormat: new DataView(b.commit.buffer, b.commit.byteOffset).getUint16(2) === 1 ? "public" : "private" };
    }
    lib.add.push({ size: target, build, commit: median(commit), apply: median(apply), join: median(joins), bytes });
    log(lib.name, "add at", target);
  }

  lib.messages = [];
  const a = await client(), bob = await client();
  const pairConv = new cc.ConversationId(crypto.getRandomValues(new Uint8Array(16)));
  await a.core.transaction((ctx) => ctx.createConversation(pairConv, a.cred));
  const kb = await bob.kp();
  await a.core.transaction((ctx) => ctx.addClientsToConversation(pairConv, [new cc.KeyPackage(kb.serialize())]));
  await bob.core.transaction((ctx) => ctx.processWelcomeMessage(new cc.Welcome(bundle.welcome.serialize())));
  for (const [label, sender, receiver, id] of [["2", a, bob, pairConv], [String(size), creator, member, conv]]) {
    const wire = [];
    let t = now();
    for (let i = 0; i < MESSAGES; i++) wire.push(await sender.core.transaction((ctx) => ctx.encryptMessage(id, TEXT)));
    const enc = per(since(t), MESSAGES);
    t = now();
    for (const w of wire) await receiver.core.transaction((ctx) => ctx.decryptMessage(id, w));
    const dec = per(since(t), MESSAGES);
    lib.messages.push({ group: label, enc, dec, wire: wire[0].length });
  }
  return lib;
}

const libs = [];
libs.push(await tsMls("default"));
if (existsSync(join(dir, "node_modules/@noble/curves"))) libs.push(await tsMls("noble"));
try {
  libs.push(await coreCrypto());
} catch (e) {
  log("core-crypto did not run:", e.stack ?? e);
}

const cell = (t) => `${f(t.wall)} (${f(t.cpu)})`;
console.log(`Node ${process.versions.node}; groups of ${SIZES.join(" and ")} built by Adds of 100, then ${REPS} Adds of 1 member (medians);`
  + ` ${MESSAGES} messages of 200 bytes. Each cell: wall ms (CPU ms of the process).\n`);
console.log(`| operation | ${libs.map((l) => l.name).join(" | ")} |`);
console.log(`|---|${libs.map(() => "---|").join("")}`);
const row = (label, pick) => console.log(`| ${label} | ${libs.map((l) => pick(l) ?? "").join(" | ")} |`);
row("generate a KeyPackage", (l) => cell(l.keyPackage));
row("create a group", (l) => cell(l.createGroup));
SIZES.forEach((size, i) => {
  row(`build the group to ${size} (batched Adds)`, (l) => cell(l.add[i].build));
  row(`add 1 to ${size}: commit`, (l) => cell(l.add[i].commit));
  row(`add 1 to ${size}: a member applies it`, (l) => cell(l.add[i].apply));
  row(`add 1 to ${size}: the newcomer joins`, (l) => cell(l.add[i].join));
  row(`add 1 to ${size}: bytes`, (l) => {
    const b = l.add[i].bytes;
    return b.tree ? `commit ${b.commit}, Welcome ${b.welcome}, tree beside it ${b.tree}` : `commit ${b.commit} (${b.wireFormat}), Welcome ${b.welcome} (tree inside), GroupInfo ${b.groupInfo}`;
  });
});
["2", String(SIZES.at(-1) + REPS + 1)].forEach((g, i) => {
  row(`message in a group of ${i === 0 ? 2 : "~" + SIZES.at(-1)}: encrypt`, (l) => cell(l.messages[i].enc));
  row(`message in a group of ${i === 0 ? 2 : "~" + SIZES.at(-1)}: decrypt`, (l) => cell(l.messages[i].dec));
  row(`message in a group of ${i === 0 ? 2 : "~" + SIZES.at(-1)}: bytes`, (l) => String(l.messages[i].wire));
});
for (const l of libs) if (l.note) console.log(`\n${l.name}: ${l.note}.`);
