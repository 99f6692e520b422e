/** Closed vocabularies of the scenario format. */
export { SEGMENTS, CAUSES, FLAG_NAMES, GUARANTEES } from "../model/households.js";
export type { Segment, Cause, FlagName, Guarantee } from "../model/households.js";

/** Programme kinds — the allocation levers (model.md). */
export const PROGRAMME_KINDS = [
  "industry", // 扶 industry support
  "employment", // 转 transfer to employment / training
  "relocation", // 搬 relocation with follow-up payments
  "floor", // 保 social-security floor top-up (demand-driven)
  "assistance", // 救 social assistance
  "health", // premiums paid, illness loss reimbursed
  "education", // per-student subsidies
  "housing", // dangerous-house rebuilding
  "assetShares", // asset-income shares paying dividends
  "infrastructure", // village infrastructure (no direct household effect)
  "insurance", // agricultural insurance premiums
  "credit", // lending through a risk-compensation pool
  "other",
] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

/** Funding rule kinds (how a source's yearly amount is determined). */
export const FUNDING_RULE_KINDS = ["fixed", "transfer", "revenueShare", "perUnit", "gapShare"] as const;
export type FundingRuleKind = (typeof FUNDING_RULE_KINDS)[number];

/** Government levels and other payers. */
export const LEVELS = ["central", "provincial", "city", "county", "district", "township", "village", "unit", "bank", "enterprise", "other"] as const;
export type Level = (typeof LEVELS)[number];

/** Units a programme's cost can be counted in. */
export const COST_UNITS = ["person", "household", "student", "village", "mu", "project", "loan"] as const;
export type CostUnit = (typeof COST_UNITS)[number];

export const TARGETING = ["poorest", "random", "cause"] as const;
/** once: a household is served at most once; yearly: the capacity is served anew each year. */
export const ENROLMENT = ["once", "yearly"] as const;
export type Enrolment = (typeof ENROLMENT)[number];
export type Targeting = (typeof TARGETING)[number];

export const EFFECT_MODES = ["multiplicative", "additive"] as const;
export type EffectMode = (typeof EFFECT_MODES)[number];

export const LABOUR_RULES = ["any", "required", "none"] as const;
export type LabourRule = (typeof LABOUR_RULES)[number];

export const AMORTISATION = ["bullet", "straightLine"] as const;
export type Amortisation = (typeof AMORTISATION)[number];
