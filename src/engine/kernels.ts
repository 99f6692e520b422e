/**
 * The kernels the parallel runner can execute, by name. A kernel is prepared once per
 * thread from a structured-cloneable input (typed arrays may live in SharedArrayBuffers)
 * and then computes any slice of runs; a slice's output depends only on (seed, run), so
 * any partition of the runs gives the same numbers.
 *
 * @example
 * const run = prepareKernel("reference", REFERENCE_MODEL);
 * const data = run({ seed: 1, runStart: 0, runEnd: 4 }); // 4 × years × metrics values
 */
import { runReference } from "./reference.js";
import type { ReferenceModel, RunSlice } from "./reference.js";
import { prepareModelKernel } from "./run.js";
import type { ModelKernelInput } from "./run.js";

/** Kernel names (closed list). */
export const KERNELS = ["reference", "model"] as const;
export type KernelName = (typeof KERNELS)[number];

/** Input type of each kernel. */
export interface KernelInputs {
  readonly reference: ReferenceModel;
  readonly model: ModelKernelInput;
}

/** A prepared kernel: computes runs [runStart, runEnd) into runs × years × metrics values. */
export type SliceRunner = (slice: RunSlice) => Float64Array;

/** Prepare a kernel on this thread (allocates its scratch state once). */
export function prepareKernel<K extends KernelName>(name: K, input: KernelInputs[K]): SliceRunner {
  switch (name) {
    case "reference": {
      const m = input as ReferenceModel;
      return (slice) => runReference(m, slice).data;
    }
    case "model":
      return prepareModelKernel(input as ModelKernelInput);
    default:
      return name satisfies never;
  }
}
