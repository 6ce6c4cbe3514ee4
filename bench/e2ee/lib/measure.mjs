// Timing helpers: wall-clock milliseconds from performance.now(), medians over repetitions after a discarded warmup.

export const now = () => performance.now();

/** CPU milliseconds of this process (all its threads: WebCrypto runs on libuv's pool), user + system. */
export function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs `fn` and returns its value with the wall time and the CPU time it took. On a machine shared with other work
 * the wall time includes waiting for a core; the CPU time does not, so both are reported.
 */
export async function timed(fn) {
  const c0 = cpuNow();
  const t0 = now();
  const value = await fn();
  return { value, ms: now() - t0, cpu: cpuNow() - c0 };
}

export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    median: sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    p90: at(0.9),
  };
}

/**
 * Runs `step` `reps` times after `warmup` discarded runs; `prepare` (not timed) makes each run's input. Returns the
 * summary of the wall times with the summary of the CPU times as `cpu`.
 */
export async function repeat(reps, warmup, step, prepare = async () => undefined) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < warmup + reps; i++) {
    const input = await prepare(i);
    const t = await timed(() => step(input, i));
    if (i >= warmup) {
      wall.push(t.ms);
      cpu.push(t.cpu);
    }
  }
  return { ...summary(wall), cpu: summary(cpu) };
}

/**
 * Runs `op` back to back for about `seconds` (and at least `minOps` times, at most `maxOps`) after `warmup` runs;
 * returns ops/s and µs/op of the measured runs.
 */
export async function throughput(seconds, minOps, op, { warmup = 20, maxOps = Infinity } = {}) {
  for (let i = 0; i < warmup; i++) await op(i);
  let ops = 0;
  const c0 = cpuNow();
  const t0 = now();
  const until = t0 + seconds * 1000;
  while (ops < maxOps && (ops < minOps || now() < until)) await op(ops++);
  const ms = now() - t0;
  const cpu = cpuNow() - c0;
  return { ops, ms, cpu, perSecond: (ops * 1000) / ms, microsPerOp: (ms * 1000) / ops, cpuMicrosPerOp: (cpu * 1000) / ops };
}

/** "wall median (min–max), CPU median": the CPU part only when the summary has one. */
export function fmtMs(s) {
  const wall = s.n === 1 ? ms(s.median) : `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
  return s.cpu ? `${wall}, CPU ${ms(s.cpu.median)}` : wall;
}

export function ms(x) {
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
}

export const int = (x) => Math.round(x).toLocaleString("en-US");

export function bytes(n) {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(2)} MiB`;
  if (n >= 10 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${int(n)} B`;
}
