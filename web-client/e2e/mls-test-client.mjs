// A real MLS client (ts-mls) for the Java tests: holds any number of named devices and answers one JSON request
// per stdin line with one JSON line on stdout, in order: {"result": ...} or {"error": "..."}. It never exits on a
// bad request; it ends when stdin closes. test-support's io.secureconnect.testsupport.mls.MlsTestClient drives it.
//
//   node mls-test-client.mjs              serve requests on stdin/stdout
//   node mls-test-client.mjs fixtures     print the wire fixtures of chat-service's MlsWireUnitTest (see fixtures())
//
// Bytes travel as standard base64. MLS messages are whole MLSMessages (RFC 9420 §6). The ratchet tree goes
// separately (not as a ratchet_tree extension): base64 of the encoded RatchetTree, the ratchet_tree extension's
// data, as the DS stores and forwards it next to the Welcome.
import { createInterface } from "node:readline";
import { createHash } from "node:crypto";
import {
  acceptAll,
  createApplicationMessage,
  createCommit,
  createGroup,
  createGroupInfoWithExternalPub,
  createProposal,
  decodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  processMessage,
} from "ts-mls";
import { decodeRatchetTree, encodeRatchetTree } from "ts-mls/ratchetTree.js";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";

const SUITE = "MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519";
const cs = await getCiphersuiteImpl(getCiphersuiteFromName(SUITE));

const b64 = (bytes) => Buffer.from(bytes).toString("base64");
const unb64 = (text, what) => {
  if (typeof text !== "string") throw new Error(`${what} must be a base64 string`);
  return new Uint8Array(Buffer.from(text, "base64"));
};
const hex = (bytes) => Buffer.from(bytes).toString("hex");
const mls = (content) => encodeMlsMessage({ version: "mls10", ...content });

function decodeMessage(text, what) {
  const bytes = unb64(text, what);
  const decoded = decodeMlsMessage(bytes, 0);
  if (decoded === undefined || decoded[1] !== bytes.length) throw new Error(`${what} is not an MLSMessage`);
  return decoded[0];
}

/** name -> { signatureKeyPair, identity, keyPackages: [{publicPackage, privatePackage, lastResort}], groups } */
const devices = new Map();

function device(name) {
  const found = devices.get(name);
  if (found === undefined) throw new Error(`no device ${name}`);
  return found;
}

function group(d, groupId) {
  const entry = d.groups.get(groupId);
  if (entry === undefined) throw new Error(`device is not in group ${groupId}`);
  return entry;
}

async function keyPackage(d, identity) {
  const credential = { credentialType: "basic", identity };
  return generateKeyPackageWithKey(credential, defaultCapabilities(), defaultLifetime, [], d.signatureKeyPair, cs);
}

const treeOf = (state) => b64(encodeRatchetTree(state.ratchetTree));
const epochOf = (state) => Number(state.groupContext.epoch);

const commands = {
  async newDevice({ name }) {
    if (devices.has(name)) throw new Error(`device ${name} exists`);
    const signatureKeyPair = await cs.signature.keygen();
    devices.set(name, { signatureKeyPair, identity: undefined, keyPackages: [], groups: new Map() });
    return { signatureKey: b64(signatureKeyPair.publicKey) };
  },

  /** count packages (and one last-resort package when lastResort) whose basic credential identity is identity. */
  async keyPackages({ name, identity, count = 1, lastResort = false }) {
    const d = device(name);
    d.identity = unb64(identity, "identity");
    const made = [];
    for (let i = 0; i < count + (lastResort ? 1 : 0); i++) {
      const pkg = await keyPackage(d, d.identity);
      d.keyPackages.push({ ...pkg, lastResort: lastResort && i === count });
      made.push(b64(mls({ wireformat: "mls_key_package", keyPackage: pkg.publicPackage })));
    }
    return lastResort ? { keyPackages: made.slice(0, count), lastResort: made[count] } : { keyPackages: made };
  },

  /** A one-member group at epoch 0 with this device at leaf 0 (identity: the keyPackages one unless given). */
  async createGroup({ name, groupId, identity }) {
    const d = device(name);
    const id = identity === undefined ? d.identity : unb64(identity, "identity");
    if (id === undefined) throw new Error("no identity: make key packages first or pass identity");
    if (d.groups.has(groupId)) throw new Error(`already in group ${groupId}`);
    const own = await keyPackage(d, id);
    const state = await createGroup(unb64(groupId, "groupId"), own.publicPackage, own.privatePackage, [], cs);
    d.groups.set(groupId, { state, previous: undefined });
    return { epoch: epochOf(state) };
  },

  /**
   * A commit of adds (key package MLSMessages) and removes (leaf indexes), applied to the device's state at once;
   * discardCommit takes it back (a DS that refused it). Returns the commit, the Welcome (null without adds), the
   * ratchet tree after the commit and the new epoch.
   */
  async commit({ name, groupId, adds = [], removes = [], publicMessage = true, extra = [] }) {
    const d = device(name);
    const entry = group(d, groupId);
    const extraProposals = [
      ...adds.map((text) => {
        const message = decodeMessage(text, "add");
        if (message.wireformat !== "mls_key_package") throw new Error("an add is not a key package");
        return { proposalType: "add", add: { keyPackage: message.keyPackage } };
      }),
      ...removes.map((leaf) => ({ proposalType: "remove", remove: { removed: leaf } })),
      ...extra,
    ];
    const result = await createCommit({ state: entry.state, cipherSuite: cs },
      { extraProposals, wireAsPublicMessage: publicMessage });
    entry.previous = entry.state;
    entry.state = result.newState;
    return {
      commit: b64(encodeMlsMessage(result.commit)),
      welcome: result.welcome === undefined ? null : b64(mls({ wireformat: "mls_welcome", welcome: result.welcome })),
      ratchetTree: treeOf(result.newState),
      epoch: epochOf(result.newState),
    };
  },

  async discardCommit({ name, groupId }) {
    const entry = group(device(name), groupId);
    if (entry.previous === undefined) throw new Error("no commit to discard");
    entry.state = entry.previous;
    entry.previous = undefined;
    return { epoch: epochOf(entry.state) };
  },

  /** Applies a handshake message (or reads an application message) of another member. */
  async process({ name, groupId, message }) {
    const entry = group(device(name), groupId);
    const decoded = decodeMessage(message, "message");
    if (decoded.wireformat !== "mls_public_message" && decoded.wireformat !== "mls_private_message") {
      throw new Error(`cannot process a ${decoded.wireformat}`);
    }
    const result = await processMessage(decoded, entry.state, emptyPskIndex, acceptAll, cs);
    entry.state = result.newState;
    entry.previous = undefined;
    const text = result.kind === "applicationMessage" ? new TextDecoder().decode(result.message) : null;
    return { kind: result.kind, epoch: epochOf(entry.state), text };
  },

  /** Joins from a Welcome with one of this device's key packages (used ones are dropped, last-resort ones kept). */
  async join({ name, welcome, ratchetTree }) {
    const d = device(name);
    const decoded = decodeMessage(welcome, "welcome");
    if (decoded.wireformat !== "mls_welcome") throw new Error("not a Welcome");
    const wanted = new Set(decoded.welcome.secrets.map((s) => hex(s.newMember)));
    let index = -1;
    for (let i = 0; i < d.keyPackages.length && index < 0; i++) {
      if (wanted.has(hex(await makeKeyPackageRef(d.keyPackages[i].publicPackage, cs.hash)))) index = i;
    }
    if (index < 0) throw new Error("the Welcome is for none of this device's key packages");
    const pkg = d.keyPackages[index];
    const treeBytes = unb64(ratchetTree, "ratchetTree");
    const tree = decodeRatchetTree(treeBytes, 0);
    if (tree === undefined || tree[1] !== treeBytes.length) throw new Error("ratchetTree does not decode");
    const state = await joinGroup(decoded.welcome, pkg.publicPackage, pkg.privatePackage, emptyPskIndex, cs, tree[0]);
    if (!pkg.lastResort) d.keyPackages.splice(index, 1);
    const groupId = b64(state.groupContext.groupId);
    d.groups.set(groupId, { state, previous: undefined });
    return { groupId, epoch: epochOf(state), leafIndex: state.privatePath.leafIndex };
  },

  async encrypt({ name, groupId, text }) {
    const entry = group(device(name), groupId);
    const result = await createApplicationMessage(entry.state, new TextEncoder().encode(text), cs);
    entry.state = result.newState;
    return { message: b64(mls({ wireformat: "mls_private_message", privateMessage: result.privateMessage })) };
  },

  async decrypt({ name, groupId, message }) {
    const result = await commands.process({ name, groupId, message });
    if (result.kind !== "applicationMessage") throw new Error("not an application message");
    return { text: result.text };
  },

  async leafIndex({ name, groupId }) {
    const { state } = group(device(name), groupId);
    return { leafIndex: state.privatePath.leafIndex, epoch: epochOf(state) };
  },

  /** A proposal sent on its own (a later commit takes it by reference). */
  async propose({ name, groupId, removes = [], publicMessage = true }) {
    const entry = group(device(name), groupId);
    if (removes.length !== 1) throw new Error("propose takes one remove");
    const proposal = { proposalType: "remove", remove: { removed: removes[0] } };
    const result = await createProposal(entry.state, publicMessage, proposal, cs);
    entry.state = result.newState;
    return { message: b64(encodeMlsMessage(result.message)) };
  },

  async groupInfo({ name, groupId }) {
    const { state } = group(device(name), groupId);
    const info = await createGroupInfoWithExternalPub(state, [], cs);
    return { groupInfo: b64(mls({ wireformat: "mls_group_info", groupInfo: info })) };
  },
};

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return { error: "not JSON" };
  }
  const command = request === null || typeof request !== "object" ? undefined : commands[request.cmd];
  if (typeof command !== "function" || !Object.hasOwn(commands, request.cmd)) {
    return { error: `unknown command ${request?.cmd}` };
  }
  try {
    return { result: await command(request) };
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

/**
 * Real messages for chat-service's MlsWireUnitTest, with what the Java reader must find in them. Regenerate with
 *   node web-client/e2e/mls-test-client.mjs fixtures > chat-service/src/test/resources/mls/ts-mls-messages.json
 */
async function fixtures() {
  const call = async (cmd, args) => {
    const response = await handle(JSON.stringify({ cmd, ...args }));
    if (response.error) throw new Error(`${cmd}: ${response.error}`);
    return response.result;
  };
  const identity = (who) => b64(new TextEncoder().encode(`credential of ${who}`));
  const groupId = b64(Buffer.from("0f1e2d3c4b5a69788796a5b4c3d2e1f0", "hex"));
  const alice = await call("newDevice", { name: "alice" });
  const bob = await call("newDevice", { name: "bob" });
  await call("newDevice", { name: "carol" });
  await call("keyPackages", { name: "alice", identity: identity("alice"), count: 1 });
  const bobPackages = await call("keyPackages", { name: "bob", identity: identity("bob"), count: 1, lastResort: true });
  const carolPackages = await call("keyPackages", { name: "carol", identity: identity("carol"), count: 2 });
  await call("createGroup", { name: "alice", groupId });
  const addBobAndCarol = await call("commit",
    { name: "alice", groupId, adds: [bobPackages.keyPackages[0], carolPackages.keyPackages[0]] });
  await call("join", { name: "bob", welcome: addBobAndCarol.welcome, ratchetTree: addBobAndCarol.ratchetTree });
  await call("join", { name: "carol", welcome: addBobAndCarol.welcome, ratchetTree: addBobAndCarol.ratchetTree });
  const application = await call("encrypt", { name: "bob", groupId, text: "hello" });
  const removeProposal = await call("propose", { name: "bob", groupId, removes: [2] });
  await call("process", { name: "alice", groupId, message: removeProposal.message });
  const commitByReference = await call("commit", { name: "alice", groupId });
  await call("process", { name: "bob", groupId, message: commitByReference.commit });
  const extensionsCommit = await call("commit", { name: "alice", groupId,
    extra: [{ proposalType: "group_context_extensions", groupContextExtensions: { extensions: [] } }] });
  const groupInfo = await call("groupInfo", { name: "alice", groupId });
  const privateCommit = await call("commit", { name: "bob", groupId, removes: [0], publicMessage: false });

  const kpBytes = unb64(bobPackages.keyPackages[0], "kp").subarray(4);
  const bobKeyPackage = decodeMessage(bobPackages.keyPackages[0], "kp").keyPackage;
  return {
    regenerate: "node web-client/e2e/mls-test-client.mjs fixtures > chat-service/src/test/resources/mls/ts-mls-messages.json",
    groupId,
    keyPackage: {
      message: bobPackages.keyPackages[0],
      identity: identity("bob"),
      signatureKey: bob.signatureKey,
      initKey: b64(bobKeyPackage.initKey),
      encryptionKey: b64(bobKeyPackage.leafNode.hpkePublicKey),
      ref: createHash("sha256").update(kpBytes).digest("hex"),
      mlsReference: b64(await makeKeyPackageRef(bobKeyPackage, cs.hash)),
    },
    lastResortKeyPackage: bobPackages.lastResort,
    carolKeyPackage: carolPackages.keyPackages[0],
    commitAddingTwo: { message: addBobAndCarol.commit, epoch: 0, senderLeaf: 0, newEpoch: addBobAndCarol.epoch },
    welcome: addBobAndCarol.welcome,
    ratchetTree: addBobAndCarol.ratchetTree,
    application: { message: application.message, epoch: 1 },
    removeProposal: { message: removeProposal.message, epoch: 1, senderLeaf: 1 },
    commitByReference: { message: commitByReference.commit, epoch: 1 },
    commitWithExtensions: { message: extensionsCommit.commit, epoch: 2 },
    groupInfo: { message: groupInfo.groupInfo, epoch: 3 },
    privateCommit: { message: privateCommit.commit, epoch: 2 },
    aliceSignatureKey: alice.signatureKey,
  };
}

if (process.argv[2] === "fixtures") {
  process.stdout.write(JSON.stringify(await fixtures(), null, 2) + "\n");
} else {
  // one request at a time, in order: each answer is written before the next line is read
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    process.stdout.write(JSON.stringify(await handle(line)) + "\n");
  }
}
