/**
 * The provenance record written beside every result: which fundsim, which scenario
 * (by content hash), which variant and overrides, seed, runs, threads and timings — what
 * someone needs to reproduce or audit a number.
 *
 * @example
 * const m = makeManifest({ scenario: { file, id, hash }, variant: null, sets: [], seed: 1,
 *   runs: 1000, threads: 2, years: [2017, 2018], wallTimeSeconds: 3.2 });
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const MANIFEST_FORMAT = 1 as const;

export interface PrecisionRecord {
  /** Requested standard error of `metric`. */
  readonly target: number;
  /** The headline controlled (results/precision.ts PRECISION_METRICS; absent in older manifests: exitRate). */
  readonly metric?: string;
  /** Standard error reached. */
  readonly achieved: number;
  /** True when `achieved` ≤ `target` before the run cap. */
  readonly converged: boolean;
  readonly maxRuns: number;
  readonly batches: number;
  /** Estimate and standard error after each batch (convergence). */
  readonly history?: readonly { readonly runs: number; readonly estimate: number; readonly se: number }[];
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  /** fundsim version (package.json). */
  readonly fundsim: string;
  readonly node: string;
  /** ISO 8601 time the results were created. */
  readonly created: string;
  readonly scenario: {
    readonly file: string;
    readonly id: string;
    /** sha256 of the canonical JSON of the scenario after the variant and overrides. */
    readonly hash: string;
  };
  readonly variant: string | null;
  /** `--set path=value` overrides applied, in order. */
  readonly sets: readonly string[];
  /** Household register used instead of the synthetic population, if any (with the sha256 of its bytes). */
  readonly register: { readonly file: string; readonly households: number; readonly sha256?: string } | null;
  readonly households: number;
  readonly seed: number;
  readonly runs: number;
  readonly threads: number;
  readonly years: readonly number[];
  readonly wallTimeSeconds: number;
  readonly precision: PrecisionRecord | null;
  /**
   * What the runs' spread includes besides the yearly shocks: `incomeDraws` — each
   * household's hidden income level (observed base-year income less a registration-year
   * transitory shock) and own trend drawn per run (model v2). The population's composition
   * is fixed. `unknowns` — the parameters drawn once per run (the scenario's `unknowns`:
   * path and distribution); absent or empty: every parameter as given. Absent in older
   * manifests: false, none.
   */
  readonly uncertainty?: {
    readonly incomeDraws: boolean;
    /**
     * The synthetic population (sizes, labour, flags, causes, villages, incomes, who is
     * registered) was redrawn in every run (engine/kernels.ts "modelRedrawn"); false: one
     * population, the seed's, for every run (--fixed-population). Absent with a register.
     */
    readonly populationRedrawn?: boolean;
    readonly unknowns?: readonly ManifestUnknown[];
    /** Unknowns of the baseline that this variant or `--set` fixed by changing their value. */
    readonly fixedUnknowns?: readonly { readonly parameter: string; readonly value: number; readonly baseline: number }[];
    /** Funding sources whose amounts are drawn per run (a factor on the planned amounts). */
    readonly funding?: readonly { readonly source: string; readonly dist: string; readonly params: readonly number[] }[];
  };
}

/** An unknown parameter as recorded: its path and its distribution (engine form). */
export interface ManifestUnknown {
  readonly parameter: string;
  readonly dist: string;
  readonly params: readonly number[];
}

export type ManifestInput = Omit<Manifest, "format" | "fundsim" | "node" | "created" | "register" | "precision" | "households"> & {
  readonly register?: Manifest["register"];
  readonly precision?: PrecisionRecord | null;
  readonly households?: number;
  /** Defaults to now. */
  readonly created?: Date;
};

let cachedVersion: string | undefined;

/** fundsim's version, read from the package.json above this module (src/ or dist/src/). */
export function fundsimVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "fundsim" && typeof pkg.version === "string") return (cachedVersion = pkg.version);
    } catch {
      // not here: look one folder up
    }
    dir = dirname(dir);
  }
  return (cachedVersion = "unknown");
}

/** Fill in version, runtime and time of a manifest. */
export function makeManifest(input: ManifestInput): Manifest {
  const { created, register, precision, households, ...rest } = input;
  return {
    format: MANIFEST_FORMAT,
    fundsim: fundsimVersion(),
    node: process.version,
    created: (created ?? new Date()).toISOString(),
    ...rest,
    register: register ?? null,
    households: households ?? 0,
    precision: precision ?? null,
  };
}
