/**
 * Households as a structure of typed arrays — the population the engine steps.
 *
 * Index i is one household. Vocabularies (segment, cause, flags) are closed lists;
 * arrays hold their indices / bit masks.
 *
 * @example
 * const h = allocateHouseholds(3);
 * h.size[0] = 4; h.income[0] = 2800; h.flags[0] = FLAG.remote | FLAG.unsafeHousing;
 */

/** Population segments (dibao = minimum living guarantee, wubao = five guarantees). */
export const SEGMENTS = ["general", "dibao", "wubao", "urban"] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Main cause of poverty as recorded in registers (建档立卡 致贫原因). */
export const CAUSES = ["illness", "disability", "lackLabour", "lackSkills", "lackCapital", "lackLand", "education", "disaster", "remote", "other"] as const;
export type Cause = (typeof CAUSES)[number];

/** Household flags (bit positions). */
export const FLAG_NAMES = ["remote", "unsafeHousing", "student", "chronicIllness", "relocated", "uninsured", "outOfSchool", "unsafeWater"] as const;
export type FlagName = (typeof FLAG_NAMES)[number];
export const FLAG: { readonly [K in FlagName]: number } = Object.freeze(
  Object.fromEntries(FLAG_NAMES.map((n, i) => [n, 1 << i])) as { [K in FlagName]: number },
);

/**
 * The guarantees of 两不愁三保障 an exit can require (model.md "Who is poor"), each missing
 * while the household carries its flag: safe housing (unsafeHousing), medical cover
 * (uninsured), compulsory schooling of the children (outOfSchool), safe water (unsafeWater).
 * A programme that provides a guarantee clears the flag for the households it serves.
 */
export const GUARANTEES = ["safeHousing", "medicalCover", "schooling", "safeWater"] as const;
export type Guarantee = (typeof GUARANTEES)[number];
/** The flag whose presence means the guarantee is missing. */
export const GUARANTEE_FLAG: { readonly [K in Guarantee]: FlagName } = Object.freeze({
  safeHousing: "unsafeHousing",
  medicalCover: "uninsured",
  schooling: "outOfSchool",
  safeWater: "unsafeWater",
});
/** Bit mask over FLAG of the flags that block the guarantees in `mask` (a bit set over GUARANTEES). */
export function guaranteeFlags(mask: number): number {
  let f = 0;
  GUARANTEES.forEach((g, i) => {
    if ((mask >>> i) & 1) f |= FLAG[GUARANTEE_FLAG[g]];
  });
  return f;
}

export interface Households {
  readonly count: number;
  /** Household size (people), 1..255. */
  readonly size: Uint8Array;
  /** Per-capita annual income at the base year, yuan. */
  readonly income: Float64Array;
  /** 1 when the household has labour capacity. */
  readonly labour: Uint8Array;
  /** Index into SEGMENTS. */
  readonly segment: Uint8Array;
  /** Index into CAUSES. */
  readonly cause: Uint8Array;
  /** Bit mask of FLAG. */
  readonly flags: Uint8Array;
  /** Village index, 0..villages-1. */
  readonly village: Uint32Array;
  /**
   * 1 when the household is registered poor (建档立卡) at the start, 0 when it is not (a
   * near-poor 边缘户 household, who can be registered by a yearly verification). Absent:
   * every household is registered (a register of the poor, or a v1 population).
   */
  readonly registered?: Uint8Array;
  /** Index of the scenario cohort the household came from (register rows: cohort of its segment, or 0). */
  readonly cohort: Uint16Array;
  /** Number of villages (max village index + 1). */
  readonly villages: number;
  /** Optional external ids (register import); undefined for synthetic populations. */
  readonly ids?: readonly string[];
  /** Optional village names by village index (register import, or scenario village names). */
  readonly villageNames?: readonly string[];
  /** Optional cohort names by cohort index (scenario cohort ids, or register cohort labels). */
  readonly cohortNames?: readonly string[];
  /** sha256 (hex) of the register file the households were read from, for provenance. */
  readonly sourceSha256?: string;
}

/** Allocate a zeroed population of n households. */
export function allocateHouseholds(n: number, villages = 1): Households {
  return {
    count: n,
    size: new Uint8Array(n),
    income: new Float64Array(n),
    labour: new Uint8Array(n),
    segment: new Uint8Array(n),
    cause: new Uint8Array(n),
    flags: new Uint8Array(n),
    village: new Uint32Array(n),
    cohort: new Uint16Array(n),
    villages,
  };
}

/** Total people in the population. */
export function totalPeople(h: Households): number {
  let s = 0;
  for (let i = 0; i < h.count; i++) s += h.size[i] ?? 0;
  return s;
}
