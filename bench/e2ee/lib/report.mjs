// The markdown report: one table per question, numbers side by side with the plaintext path.
import os from "node:os";
import { bytes, fmtMs, int, ms } from "./measure.mjs";

const us = (x) => (x >= 100 ? int(x) : x.toFixed(1));

export function report({ options, local, server, started, finished, versions }) {
  const out = [];
  const line = (s = "") => out.push(s);
  line(`# bench e2ee — MLS with ${versions.tsMls} on this machine`);
  line();
  line(`Cipher suite MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519 (1), ${versions.tsMls} with its default`
    + ` (WebCrypto) provider, Node ${process.versions.node} (V8 ${process.versions.v8}), ${os.cpus().length} cores`
    + ` (${os.cpus()[0]?.model ?? "?"}), load at the start ${options.loadAtStart.map((x) => x.toFixed(2)).join(" ")}.`);
  line(`Started ${started.toISOString()}, took ${((finished - started) / 1000).toFixed(0)} s (load at the end`
    + ` ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}: on a shared machine, read the minimums too).`
    + ` Command: \`bench/run e2ee ${options.argv.join(" ")}\`.`);
  line();
  line("Credentials are compact ES256 JWS of about 300 bytes as docs/e2ee.md defines them, and the authentication-service"
    + " hook verifies one for every leaf ts-mls asks about (no cache). Times are wall-clock medians (min–max) of the"
    + " repetitions after one discarded warmup, then the median CPU time of the process (all threads: WebCrypto runs on"
    + " libuv's pool). On a machine shared with other work the wall time includes waiting for a core and the CPU time"
    + " does not: when they differ much, the CPU time is the better estimate of the cost on an idle core.");

  if (local) {
    const b = local.basics;
    line();
    line("## Basics");
    line();
    line("| operation | time | size |");
    line("|---|---|---|");
    line(`| generate a KeyPackage (device key, ES256 credential) | ${fmtMs(b.keyPackage)} | ${bytes(b.keyPackageBytes)} (MLSMessage) |`);
    line(`| create a group (epoch 0, creator alone) | ${fmtMs(b.createGroup)} | |`);
    line(`| check one leaf's credential (ES256 verify + key match) | ${fmtMs(b.credentialCheck)} | |`);

    line();
    line("## Add one member");
    line();
    line("The group's creator commits one Add (by value) as a PublicMessage, as the DS requires; an Add-only commit has no"
      + " UpdatePath. The Welcome goes to the new device with the ratchet tree beside it (`ratchetTree`, sent once per"
      + " commit that adds). *Member applies*: an existing member processes the commit. *Newcomer joins*: the new device"
      + " processes the Welcome and validates the whole tree (one credential check and one signature per leaf).");
    line();
    line("| group size | commit (creator) | commit bytes | Welcome bytes | ratchet tree bytes | member applies | newcomer joins | repetitions |");
    line("|---|---|---|---|---|---|---|---|");
    for (const a of local.add) {
      line(`| ${int(a.size)} → ${int(a.size + 1)} | ${fmtMs(a.commit)} | ${bytes(a.bytes.commit)} | ${bytes(a.bytes.welcome)}`
        + ` | ${bytes(a.bytes.tree)} | ${fmtMs(a.apply)} | ${fmtMs(a.join)} | ${a.reps} |`);
    }
    line();
    line("How the groups were built (the creator commits batches of up to"
      + ` ${options.batch} Adds; one member, added first, applies each commit):`);
    line();
    line("| group size | build time (wall) | CPU | KeyPackages made | commits (creator) | applied (member) | commits |");
    line("|---|---|---|---|---|---|---|");
    for (const g of local.build) {
      line(`| ${int(g.from)} → ${int(g.size)} | ${ms(g.totalMs)} | ${ms(g.totalCpuMs)} | ${ms(g.keyPackagesMs)} | ${ms(g.commitsMs)} | ${ms(g.applyMs)} | ${g.commits} |`);
    }

    line();
    line("## Remove one member (what a reconcile with a stale leaf costs)");
    line();
    line("A Remove needs an UpdatePath: the committer encrypts a fresh path secret to the resolution of each copath node."
      + " In a group its creator built by Adds, most parent nodes are still blank, so that resolution is many leaves;"
      + " it shrinks as members commit.");
    line();
    line("| group size | commit (creator) | commit bytes | HPKE ciphertexts in the path | member applies | repetitions |");
    line("|---|---|---|---|---|---|");
    for (const r of local.remove) {
      line(`| ${int(r.size)} → ${int(r.size - 1)} | ${fmtMs(r.commit)} | ${bytes(r.bytes.commit)} | ${int(r.bytes.path)} | ${fmtMs(r.apply)} | ${r.reps} |`);
    }

    line();
    line("## Application messages: a 200-byte text, one sender, one receiver");
    line();
    line("Encrypt: JSON, UTF-8, MLS PrivateMessage, wire bytes. Decrypt: the reverse, JSON.parse included. Each timed apart,"
      + " back to back. *Both*: the messages per second of a sender and a receiver sharing one core. The plaintext rows"
      + " are the same message through the plaintext path's own work, and through AES-GCM as the floor of any cipher.");
    line();
    line("| path | encrypt msg/s | decrypt msg/s | both msg/s | µs per message (enc + dec) | CPU µs per message (enc + dec) | bytes on the wire (base64 in JSON: ×4/3) |");
    line("|---|---|---|---|---|---|---|");
    for (const m of local.messages) {
      const per = m.encrypt.microsPerOp + m.decrypt.microsPerOp;
      const cpu = m.encrypt.cpuMicrosPerOp + m.decrypt.cpuMicrosPerOp;
      line(`| ${m.path} | ${int(m.encrypt.perSecond)} | ${int(m.decrypt.perSecond)} | ${int(1e6 / per)} | ${us(per)}`
        + ` | ${us(cpu)} (${us(m.encrypt.cpuMicrosPerOp)} + ${us(m.decrypt.cpuMicrosPerOp)}) | ${int(m.wireBytes)} (plaintext ${int(m.plaintextBytes)}) |`);
    }

    line();
    line("## Group state (what the client writes to IndexedDB after each change)");
    line();
    line("| group size | encodeGroupState bytes | encode | decode |");
    line("|---|---|---|---|");
    for (const s of local.state) line(`| ${int(s.size)} | ${bytes(s.bytes)} | ${fmtMs(s.encode)} | ${fmtMs(s.decode)} |`);
    line();
    line(`Credential checks made by the authentication-service hook during the run: ${int(local.credentialChecks)}.`);
  }

  line();
  line("## Server: handshake path and send path (one conversation)");
  line();
  if (!server) {
    line("Not run (the local part only: `--local-only`).");
  } else if (server.skipped) {
    line(`**Not yet measured:** ${server.skipped}`);
  } else {
    line(`Against ${server.gateway}, one client, requests one after the other (each commit is for the epoch the previous`
      + " one made, so commits into one conversation are sequential by nature). Latency is the HTTP round trip;"
      + " the client's own MLS work is done before the timed phase.");
    line();
    line("| path | requests | ok | per second | p50 | p90 | p99 | max | body bytes |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (const r of server.rows) {
      line(`| ${r.label} | ${r.count} | ${r.ok} | ${r.perSecond.toFixed(1)} | ${ms(r.latency.median)} | ${ms(r.latency.p90)} | ${ms(r.p99)} | ${ms(r.latency.max)} | ${int(r.bodyBytes)} |`);
    }
    for (const n of server.notes ?? []) {
      line();
      line(n);
    }
  }
  line();
  return out.join("\n");
}
