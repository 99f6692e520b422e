/**
 * The reference model written the plain, idiomatic way: one object per household,
 * a generator object with methods, Box–Muller normals, incomes in yuan, array
 * methods for counting. Same model and the same seeded stream addresses as
 * src/engine/reference.ts (so it is reproducible), but not the same draws; it exists
 * so the benchmark can print how much the structure-of-arrays kernel gains.
 *
 * @example
 * const r = runReferenceIdiomatic(REFERENCE_MODEL, { seed: 1, runStart: 0, runEnd: 2 });
 * r.data[1]; // exit fraction of run 0, year 0
 */
import { PURPOSE, nextUniform, seedStream } from "../src/random/rng.js";
import { REFERENCE_METRICS } from "../src/engine/reference.js";
import type { ReferenceModel, ReferenceSliceResult, RunSlice } from "../src/engine/reference.js";

/** A seeded generator object. */
class Rng {
  private readonly state = new Int32Array(4);
  private spare: number | undefined = undefined;
  constructor(seed: number, run: number, purpose: number, index: number) {
    seedStream(this.state, seed, run, purpose, index);
  }
  uniform(): number {
    return nextUniform(this.state);
  }
  normal(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const th = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(th);
    return r * Math.cos(th);
  }
}

interface Household {
  income: number;
  hasLabour: boolean;
  uplift: number;
}

/** Run the reference model for runs [runStart, runEnd), object per household. */
export function runReferenceIdiomatic(m: ReferenceModel, slice: RunSlice): ReferenceSliceResult {
  const nm = REFERENCE_METRICS.length;
  const out = new Float64Array((slice.runEnd - slice.runStart) * m.years * nm);
  for (let run = slice.runStart; run < slice.runEnd; run++) {
    const incomeRng = new Rng(slice.seed, run, PURPOSE.initIncome, 0);
    const labourRng = new Rng(slice.seed, run, PURPOSE.labour, 0);
    const upliftRng = new Rng(slice.seed, run, PURPOSE.uplift, 0);
    const households: Household[] = [];
    for (let i = 0; i < m.households; i++) {
      const hasLabour = labourRng.uniform() < m.labourProbability;
      households.push({
        income: m.incomeMedian * Math.exp(m.incomeSigma * incomeRng.normal()),
        hasLabour,
        uplift: hasLabour ? m.upliftMedian * Math.exp(m.upliftSigma * upliftRng.normal()) : 1,
      });
    }
    for (let y = 0; y < m.years; y++) {
      const common = Math.exp(m.commonSigma * new Rng(slice.seed, run, PURPOSE.commonShock, y).normal());
      const idio = new Rng(slice.seed, run, PURPOSE.idioShock, y);
      const illness = new Rng(slice.seed, run, PURPOSE.illness, y);
      const incomes = households.map((h) => {
        const uplift = y >= m.upliftFromYear ? h.uplift : 1;
        const ill = illness.uniform() < m.illnessProbability;
        return h.income * uplift * common * Math.exp(m.idioSigma * idio.normal()) * (ill ? 1 - m.illnessLoss : 1);
      });
      const exited = incomes.filter((x) => x > m.line).length;
      const o = ((run - slice.runStart) * m.years + y) * nm;
      out[o] = exited;
      out[o + 1] = exited / m.households;
    }
  }
  return { runStart: slice.runStart, runEnd: slice.runEnd, data: out };
}
