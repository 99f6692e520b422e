/**
 * V8's on-stack replacement (OSR) switched off while model kernels run.
 *
 * Why: a kernel's hot functions are called a few times per run, each running long loops,
 * so V8 first optimises them in the middle of their first loop (OSR). That code is
 * compiled before the code after the loop has ever run; reaching it is a "soft"
 * deoptimisation, and V8 (Node 20) keeps the OSR code and re-enters it at the same loop
 * on every later call — the function can stay in that cycle, never optimised whole.
 * Measured on the Linghai benchmark: about one process in five ran the whole simulation
 * at ~22 M instead of ~33 M household-years/s (every process with --no-concurrent-osr).
 * Without OSR, a function's first call runs in baseline code and every later call in
 * code optimised for the whole function: ~33 M in every process, and faster from a cold
 * start too. Other code is not measurably affected (the CLI's report takes the same time).
 *
 * The flag is process-wide (worker threads share it), so it is set for the duration of
 * a simulation and restored after; nested and overlapping simulations are counted.
 *
 * @example
 * const results = await withoutOsr(() => runParallel("model", input, options));
 */
import { setFlagsFromString } from "node:v8";

let depth = 0;

/** Switch OSR off until the returned function is called (once). */
export function osrOff(): () => void {
  if (depth++ === 0) setFlagsFromString("--no-use-osr");
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--depth === 0) setFlagsFromString("--use-osr");
  };
}

/** Run `f` (sync or async) with OSR off. */
export async function withoutOsr<T>(f: () => T | Promise<T>): Promise<T> {
  const restore = osrOff();
  try {
    return await f();
  } finally {
    restore();
  }
}
