/**
 * The kernels the parallel runner can execute, by name. A kernel is prepared once per
 * thread from a structured-cloneable input (typed arrays may live in SharedArrayBuffers)
 * and then computes any slice of runs; a slice's output depends only on (seed, run), so
 * any partition of the runs gives the same numbers.
 *
 * "modelRedrawn" is the model kernel on a population redrawn in every run: run r's
 * households are buildCohorts(spec, {seed, run: r}) (their own addressed streams), and the
 * model kernel is prepared on them for that run alone. A run's values are exactly those of
 * the model kernel on that run's population, so any partition still gives the same numbers.
 *
 * @example
 * const run = prepareKernel("reference", REFERENCE_MODEL);
 * const data = run({ seed: 1, runStart: 0, runEnd: 4 }); // 4 × years × metrics values
 */
import { runReference } from "./reference.js";
import type { ReferenceModel, RunSlice } from "./reference.js";
import { makeModelKernel, prepareModelKernel } from "./run.js";
import type { ModelKernel, ModelKernelInput } from "./run.js";
import type { Households } from "../model/households.js";
import type { EngineModel } from "./model.js";
import { createHash } from "node:crypto";
import { serialize } from "node:v8";
import { buildCohorts } from "../population/cohorts.js";
import type { PopulationSpec } from "../population/synthetic.js";

/** Kernel names (closed list). */
export const KERNELS = ["reference", "model", "modelRedrawn"] as const;
export type KernelName = (typeof KERNELS)[number];

/** Input type of each kernel. */
export interface KernelInputs {
  readonly reference: ReferenceModel;
  readonly model: ModelKernelInput;
  readonly modelRedrawn: RedrawnInput;
}

/** Input of the "modelRedrawn" kernel: the model and what builds its population. */
export interface RedrawnInput {
  readonly model: EngineModel;
  readonly population: PopulationSpec;
}

/** A prepared kernel: computes runs [runStart, runEnd) into runs × years × metrics values. */
export type SliceRunner = (slice: RunSlice) => Float64Array;

/** The household arrays a population build writes, copied. */
type PopulationArrays = Pick<Households, "size" | "income" | "labour" | "segment" | "cause" | "flags" | "village" | "cohort" | "registered">;
const ARRAYS = ["size", "income", "labour", "segment", "cause", "flags", "village", "cohort", "registered"] as const;

/**
 * Populations redrawn per run, kept between the kernels one thread prepares (the workbench's
 * pool: an allocation edit simulates the same runs' populations again). Keyed by the population
 * spec, seed and run; a copy of the arrays as built, restored into a kernel's households
 * instead of building them again (the same numbers: a build into the arrays writes exactly
 * these). At most `maxBytes` kept, the oldest dropped first.
 */
export class RedrawnPopulations {
  private readonly entries = new Map<string, PopulationArrays>();
  private bytes = 0;
  /** Runs restored from a copy, for tests and measurements. */
  hits = 0;
  constructor(readonly maxBytes: number) {}

  /** The key of a population spec (its content). */
  static specKey(spec: PopulationSpec): string {
    return createHash("sha256").update(serialize(spec)).digest("hex");
  }

  /** Copy run `run`'s households into `into` when kept; true when done. */
  restore(spec: string, seed: number, run: number, into: Households): boolean {
    const a = this.entries.get(`${spec}:${seed}:${run}`);
    if (a === undefined) return false;
    if (!ARRAYS.every((k) => (a[k] === undefined) === (into[k] === undefined) && a[k]?.length === into[k]?.length)) return false;
    for (const k of ARRAYS) into[k]?.set(a[k] as never);
    this.hits++;
    return true;
  }

  /** Keep a copy of run `run`'s households as just built. */
  keep(spec: string, seed: number, run: number, h: Households): void {
    const key = `${spec}:${seed}:${run}`;
    if (this.entries.has(key)) return;
    const copy = Object.fromEntries(ARRAYS.filter((k) => h[k] !== undefined).map((k) => [k, h[k]!.slice()])) as unknown as PopulationArrays;
    const size = ARRAYS.reduce((n, k) => n + (copy[k]?.byteLength ?? 0), 0);
    if (size > this.maxBytes) return;
    this.entries.set(key, copy);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= ARRAYS.reduce((n, a) => n + (v[a]?.byteLength ?? 0), 0);
    }
  }
}

/**
 * The model kernel on a population redrawn per run (see the module comment). One set of
 * household arrays and one prepared kernel per thread: each run rewrites the arrays in place
 * and reloads what the kernel derives from them, so a run allocates nothing per household.
 * With `kept`, a run's population built before (by this thread, for any kernel) is copied
 * back instead of built again.
 */
function prepareRedrawn(input: RedrawnInput, kept?: RedrawnPopulations): SliceRunner {
  const { cohorts, villages } = input.population;
  const spec = kept ? RedrawnPopulations.specKey(input.population) : "";
  let households: Households | undefined;
  let kernel: ModelKernel | undefined;
  return (slice) => {
    let out: Float64Array | undefined;
    for (let r = slice.runStart; r < slice.runEnd; r++) {
      if (kernel !== undefined && households !== undefined && kept?.restore(spec, slice.seed, r, households)) kernel.reload();
      else {
        const h = buildCohorts(cohorts, { seed: slice.seed, villages, run: r, ...(households ? { into: households } : {}) });
        if (!h.ok) throw new Error(`population of run ${r} cannot be built: ${h.error.map((i) => i.code).join(", ")}`);
        kept?.keep(spec, slice.seed, r, h.value);
        if (kernel === undefined) {
          households = h.value;
          kernel = makeModelKernel({ model: input.model, households });
        } else kernel.reload();
      }
      const one = kernel.run({ seed: slice.seed, runStart: r, runEnd: r + 1 });
      out ??= new Float64Array(one.length * (slice.runEnd - slice.runStart));
      out.set(one, one.length * (r - slice.runStart));
    }
    return out ?? new Float64Array(0);
  };
}

/** Prepare a kernel on this thread (allocates its scratch state once); `kept`: the populations "modelRedrawn" keeps between kernels. */
export function prepareKernel<K extends KernelName>(name: K, input: KernelInputs[K], kept?: RedrawnPopulations): SliceRunner {
  switch (name) {
    case "reference": {
      const m = input as ReferenceModel;
      return (slice) => runReference(m, slice).data;
    }
    case "model":
      return prepareModelKernel(input as ModelKernelInput);
    case "modelRedrawn":
      return prepareRedrawn(input as RedrawnInput, kept);
    default:
      return name satisfies never;
  }
}
