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

/**
 * The model kernel on a population redrawn per run (see the module comment). One set of
 * household arrays and one prepared kernel per thread: each run rewrites the arrays in place
 * and reloads what the kernel derives from them, so a run allocates nothing per household.
 */
function prepareRedrawn(input: RedrawnInput): SliceRunner {
  const { cohorts, villages } = input.population;
  let households: Households | undefined;
  let kernel: ModelKernel | undefined;
  return (slice) => {
    let out: Float64Array | undefined;
    for (let r = slice.runStart; r < slice.runEnd; r++) {
      const h = buildCohorts(cohorts, { seed: slice.seed, villages, run: r, ...(households ? { into: households } : {}) });
      if (!h.ok) throw new Error(`population of run ${r} cannot be built: ${h.error.map((i) => i.code).join(", ")}`);
      if (kernel === undefined) {
        households = h.value;
        kernel = makeModelKernel({ model: input.model, households });
      } else kernel.reload();
      const one = kernel.run({ seed: slice.seed, runStart: r, runEnd: r + 1 });
      out ??= new Float64Array(one.length * (slice.runEnd - slice.runStart));
      out.set(one, one.length * (r - slice.runStart));
    }
    return out ?? new Float64Array(0);
  };
}

/** Prepare a kernel on this thread (allocates its scratch state once). */
export function prepareKernel<K extends KernelName>(name: K, input: KernelInputs[K]): SliceRunner {
  switch (name) {
    case "reference": {
      const m = input as ReferenceModel;
      return (slice) => runReference(m, slice).data;
    }
    case "model":
      return prepareModelKernel(input as ModelKernelInput);
    case "modelRedrawn":
      return prepareRedrawn(input as RedrawnInput);
    default:
      return name satisfies never;
  }
}
