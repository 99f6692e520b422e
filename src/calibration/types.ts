/**
 * A finished calibration as data (what `fundsim calibrate` prints and writes): the checked
 * targets, the estimator's result, the scenario fields the fitted values go to, and the
 * calibrated values as a variant.
 */
import type { CalibrationTargets } from "../scenario/targets.js";
import type { SmmResult } from "./smm.js";

/** A finished calibration. */
export interface Calibration {
  readonly targetsFile: string;
  readonly targets: CalibrationTargets;
  readonly fit: SmmResult;
  /** For each free parameter, the scenario field the value is written to (a --set path). */
  readonly fields: readonly string[];
  readonly runs: number;
  readonly seed: number;
  readonly threads: number;
  readonly seconds: number;
  /** The calibrated values as a variant (id, label, description, set). */
  readonly variant: CalibratedVariant;
}

export interface CalibratedVariant {
  readonly id: string;
  readonly label: { readonly en: string; readonly zh: string };
  readonly description: { readonly en: string; readonly zh: string };
  readonly set: Readonly<Record<string, { readonly value: number; readonly source: string } | number>>;
}

