#!/usr/bin/env node
// bench/run e2ee [options]: what MLS costs, beside the plaintext path. See bench/e2ee/README.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runLocal } from "./lib/local.mjs";
import { report } from "./lib/report.mjs";
import { runServer } from "./lib/server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const USAGE = `bench/run e2ee [options]
  --sizes 10,100,1000      group sizes for add/remove/state (built by batched adds, in this order)
  --reps 20,10,3           repetitions per size (the last one repeats for further sizes)
  --batch 100              Adds per commit while building a group
  --message-sizes 2,100    group sizes for the message rows (2 is a group of its own; others must be in --sizes)
  --seconds 3              how long each message throughput row runs
  --local-only             skip the server part
  --gateway URL            the suite to measure the server part against (env SC_BENCH_GATEWAY; without it the
                           server part is skipped)
  --server-commits 200     commits sent into one conversation in the server part (and as many sends of each kind)
  --results DIR            where the report goes (env SC_BENCH_RESULTS, default bench/results)
  --quick                  --sizes 10,100 --reps 5 --seconds 1 --server-commits 50: a smoke run`;

function parse(argv) {
  const o = {
    argv,
    sizes: [10, 100, 1000],
    reps: [20, 10, 3],
    batch: 100,
    messageSizes: [2, 100],
    messageSeconds: 3,
    localOnly: false,
    gateway: process.env.SC_BENCH_GATEWAY,
    serverCommits: 200,
    results: process.env.SC_BENCH_RESULTS ?? join(here, "..", "results"),
  };
  const list = (v) => v.split(",").map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${x}`);
    return n;
  });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case "--sizes": o.sizes = list(value()); break;
      case "--reps": o.reps = list(value()); break;
      case "--batch": [o.batch] = list(value()); break;
      case "--message-sizes": o.messageSizes = list(value()); break;
      case "--seconds": o.messageSeconds = Number(value()); break;
      case "--local-only": o.localOnly = true; break;
      case "--gateway": o.gateway = value(); break;
      case "--server-commits": [o.serverCommits] = list(value()); break;
      case "--results": o.results = value(); break;
      case "--quick":
        Object.assign(o, { sizes: [10, 100], reps: [5], messageSeconds: 1, serverCommits: 50 });
        break;
      case "-h": case "--help": console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${a}`);
    }
  }
  if (o.sizes.some((s) => s < 3) || o.sizes.some((s, k) => k > 0 && s <= o.sizes[k - 1])) {
    throw new Error("--sizes must grow and start at 3 or more (a group of 2 exists before the first size)");
  }
  if (!(o.messageSeconds > 0)) throw new Error("--seconds must be positive");
  return o;
}

let options;
try {
  options = parse(process.argv.slice(2));
} catch (e) {
  console.error(`bench/run e2ee: ${e.message}\n${USAGE}`);
  process.exit(2);
}

const versions = {
  tsMls: `ts-mls ${JSON.parse(readFileSync(join(here, "node_modules/ts-mls/package.json"), "utf8")).version}`,
};
options.loadAtStart = loadavg();
const started = new Date();
const local = await runLocal(options);
let server;
if (!options.localOnly) {
  server = options.gateway
    ? await runServer(options)
    : { skipped: "no suite given (set SC_BENCH_GATEWAY=http://localhost:8080 or pass --gateway, with the suite up)." };
}
const finished = new Date();
const markdown = report({ options, local, server, started, finished, versions });

const dir = resolve(options.results);
mkdirSync(dir, { recursive: true });
const stamp = started.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
writeFileSync(join(dir, `e2ee-${stamp}.md`), markdown);
writeFileSync(join(dir, `e2ee-${stamp}.json`), JSON.stringify({ options, versions, started, finished, local, server }, null, 2));
writeFileSync(join(dir, "latest-e2ee.md"), markdown);
console.log(markdown);
console.error(`bench e2ee: report in ${join(dir, `e2ee-${stamp}.md`)}`);
