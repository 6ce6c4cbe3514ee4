// The server part: chat-service as the MLS Delivery Service, through the gateway of a running suite. One client sends,
// one request after the other, into one conversation: commits (POST …/mls/commits), MLS application messages and
// plaintext messages (POST …/messages), in the same run, so the three paths are side by side.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { textMessage } from "./local.mjs";
import * as mls from "./mls.mjs";
import { now, summary } from "./measure.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const PASSWORD = "violet kettle drums at midnight 42";
const log = (...a) => console.error("bench e2ee (server):", ...a);
const b64 = (bytes) => Buffer.from(bytes).toString("base64");
const utf8 = new TextEncoder();

class Refused extends Error {
  constructor(what, status, body) {
    super(`${what}: HTTP ${status} ${typeof body === "string" ? body : JSON.stringify(body)}`.slice(0, 400));
    this.status = status;
    this.body = body;
  }
}

/** `patient`: wait out a 429 as its Retry-After says (setup); otherwise a 429 is a refusal like any other. */
function client(gateway, patient) {
  async function call(method, path, body, token, expect = [200, 201, 204]) {
    for (const deadline = Date.now() + (patient ? 120_000 : 0); ;) {
      const response = await fetch(gateway + path, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const parsed = text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text;
      if (response.status === 429 && Date.now() < deadline) { // the gateway's budgets during setup: wait as told
        const wait = Number(response.headers.get("retry-after") ?? 1);
        log(`${method} ${path}: rate limited, waiting ${wait} s`);
        await new Promise((r) => setTimeout(r, wait * 1000 + 100));
        continue;
      }
      if (!expect.includes(response.status)) throw new Refused(`${method} ${path}`, response.status, parsed);
      return { status: response.status, body: parsed, bytes: text.length };
    }
  }
  return call;
}

/** The verification link auth-service wrote for this address into its mail outbox (.eml files, newest last). */
async function mailedToken(folder, email) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const names = (await readdir(folder).catch(() => [])).filter((n) => n.endsWith(".eml")).sort().reverse();
    for (const name of names) {
      const text = (await readFile(join(folder, name), "latin1")).replace(/=\r?\n/g, "").replaceAll("=3D", "=");
      const to = text.split(/\r?\n/).find((l) => /^To: /i.test(l)) ?? "";
      const link = /verify-email\?token=([A-Za-z0-9_-]+)/.exec(text);
      if (to.toLowerCase().includes(email.toLowerCase()) && link) return link[1];
    }
    if (Date.now() > deadline) {
      throw new Error(`no verification mail to ${email} in ${folder} within 30 s (set SC_BENCH_MAIL_DIR to the suite's mail outbox)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function signUp(call, mailDir, name, tag) {
  const email = `${name}-e2ee-bench-${tag}@example.com`;
  const registered = await call("POST", "/api/v1/auth/register", { email, password: PASSWORD, displayName: `${name} (bench)` });
  await call("POST", "/api/v1/auth/verify-email", { token: await mailedToken(mailDir, email) });
  const login = await call("POST", "/api/v1/auth/login", { email, password: PASSWORD, deviceName: "bench e2ee" });
  return { name, email, id: registered.body.id, token: login.body.accessToken };
}

/** Registers a device (its own Ed25519 key) and uploads KeyPackages made with the credential the server signed. */
async function registerDevice(call, impl, user, packages) {
  const keys = await impl.signature.keygen();
  const deviceId = crypto.randomUUID();
  const registered = await call("PUT", `/api/v1/keys/devices/${deviceId}`, { signatureKey: b64(keys.publicKey) }, user.token);
  const d = mls.deviceWithCredential(impl, keys, registered.body.credential);
  const kps = [];
  for (let i = 0; i < packages; i++) kps.push(await d.keyPackage());
  await call("POST", `/api/v1/keys/devices/${deviceId}/key-packages`,
    { keyPackages: kps.map((k) => b64(mls.keyPackageBytes(k))) }, user.token);
  return { ...d, deviceId, user };
}

/** Sends `bodies` one after the other; each request's round trip is its latency. */
async function sequential(label, bodies, send) {
  const latencies = [];
  let ok = 0;
  let failure;
  const t0 = now();
  for (const body of bodies) {
    const t = now();
    try {
      await send(body);
      ok++;
    } catch (e) {
      failure ??= e.message;
    }
    latencies.push(now() - t);
  }
  const elapsed = now() - t0;
  const latency = summary(latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    label,
    count: bodies.length,
    ok,
    perSecond: (ok * 1000) / elapsed,
    latency,
    p99: sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))],
    bodyBytes: JSON.stringify(bodies[0]).length,
    failure,
  };
}

export async function runServer(options) {
  const gateway = options.gateway.replace(/\/+$/, "");
  const call = client(gateway, true);
  const timed = client(gateway, false);
  const mailDir = process.env.SC_BENCH_MAIL_DIR ?? process.env.SC_MAIL_OUTBOX_DIR ?? join(here, "..", "..", "..", ".secureconnect", "mail");
  try {
    await call("GET", "/health", undefined, undefined, [200]);
  } catch (e) {
    return { skipped: `the suite at ${gateway} does not answer (${e.message}); start it with ./secureconnect up.` };
  }

  const impl = await mls.cipherSuite();
  const tag = Date.now().toString(36);
  log(`setup: three users at ${gateway} (mail outbox ${mailDir})`);
  const users = [];
  for (const name of ["ann", "bob", "cem"]) users.push(await signUp(call, mailDir, name, tag));
  const [owner, ...others] = users;

  const jwks = await call("GET", "/api/v1/keys/credential-issuer", undefined, owner.token);
  const issuer = await mls.jwksIssuer(jwks.body);
  const ownerDevice = await registerDevice(call, impl, owner, 1);
  for (const u of others) await registerDevice(call, impl, u, 2);

  // a group takes only contacts and people one already shares a conversation with (issue 18, S19)
  for (const u of others) {
    await call("POST", "/api/v1/conversations", { type: "direct", memberIds: [u.id] }, owner.token, [200, 201]);
  }
  const e2ee = await call("POST", "/api/v1/conversations",
    { type: "group", name: `e2ee bench ${tag}`, memberIds: others.map((u) => u.id), e2ee: true }, owner.token);
  const plain = await call("POST", "/api/v1/conversations",
    { type: "group", name: `plaintext bench ${tag}`, memberIds: others.map((u) => u.id) }, owner.token);
  const conversationId = e2ee.body.id;
  const commitsPath = `/api/v1/conversations/${conversationId}/mls/commits`;

  // The first commit creates the group: the owner's device at leaf 0 adds the other two users' devices.
  let claimed;
  try {
    claimed = await call("POST", "/api/v1/keys/key-packages/claim",
      { conversationId, userIds: others.map((u) => u.id), deviceId: ownerDevice.deviceId }, owner.token);
  } catch (e) {
    if (e.status === 404 || e.status === 405) return { skipped: `the key directory is not there (${e.message}).` };
    throw e;
  }
  let state = await mls.newGroupWithId(impl, issuer, mls.uuidBytes(conversationId), await ownerDevice.keyPackage());
  const kps = claimed.body.keyPackages.map((k) => mls.decodeKeyPackage(Buffer.from(k.keyPackage, "base64")));
  const first = await mls.commit(impl, state, kps);
  const firstBody = {
    deviceId: ownerDevice.deviceId,
    commit: b64(first.commitBytes),
    welcome: b64(first.welcomeBytes),
    ratchetTree: b64(mls.encodeTree(first.newState)),
  };
  const t0 = now();
  try {
    await call("POST", commitsPath, firstBody, owner.token, [201]);
  } catch (e) {
    if (e.status === 404 || e.status === 405) {
      return { skipped: `POST /api/v1/conversations/{id}/mls/commits is not there yet (${e.message}).` };
    }
    throw e;
  }
  const firstMs = now() - t0;
  state = first.newState;

  // The client's work first (not timed here: see the local tables), then the requests back to back.
  const n = options.serverCommits;
  log(`making ${n} commits, ${n} MLS messages and ${n} plaintext messages`);
  const commitBodies = [];
  for (let i = 0; i < n; i++) {
    const c = await mls.commit(impl, state); // an empty commit: a key update with an UpdatePath, no proposals
    state = c.newState;
    commitBodies.push({ deviceId: ownerDevice.deviceId, commit: b64(c.commitBytes) });
  }
  const message = JSON.stringify(textMessage());
  const mlsBodies = [];
  for (let i = 0; i < n; i++) {
    const out = await mls.encrypt(impl, state, utf8.encode(message));
    state = out.newState;
    mlsBodies.push({ clientId: crypto.randomUUID(), type: "e2ee", body: b64(out.bytes) });
  }
  const plainBodies = Array.from({ length: n }, () => ({ clientId: crypto.randomUUID(), type: "text", body: message }));

  const rows = [];
  rows.push(await sequential("plaintext send: POST …/messages (text, 200 B)", plainBodies, (body) =>
    timed("POST", `/api/v1/conversations/${plain.body.id}/messages`, body, owner.token, [201])));
  rows.push(await sequential("handshake: POST …/mls/commits (empty commit, 3 devices)", commitBodies, (body) =>
    timed("POST", commitsPath, body, owner.token, [201])));
  rows.push(await sequential("MLS send: POST …/messages (e2ee, same text)", mlsBodies, (body) =>
    timed("POST", `/api/v1/conversations/${conversationId}/messages`, body, owner.token, [201])));
  rows.push(await sequential("plaintext send again (drift check)", plainBodies.map((b) => ({ ...b, clientId: crypto.randomUUID() })), (body) =>
    timed("POST", `/api/v1/conversations/${plain.body.id}/messages`, body, owner.token, [201])));

  const notes = [
    `The first commit (epoch 0: create the group, add 2 devices, with Welcome and ratchet tree) took ${firstMs.toFixed(1)} ms.`,
    "Users, devices and conversations were made for this run (`*-e2ee-bench-*@example.com`) and are left in place.",
  ];
  for (const r of rows) if (r.failure) notes.push(`**${r.label}**: ${r.count - r.ok} refused, first: ${r.failure}`);
  return { gateway, rows, notes };
}
