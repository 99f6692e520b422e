/** Hand-built v2 results: the new columns with NaN where the kernel leaves a value undefined. */
import { CORE_METRICS } from "../../src/model/results.js";
import { makeResults, lcg } from "../results/fixtures.js";

/** runs × years of every core metric; relapseWithin<k> NaN before year index k; exitHazard undefined in run 0's last year. */
export function v2Results(runs: number, years: readonly number[]) {
  const rand = lcg(5);
  return makeResults(runs, years, CORE_METRICS, (run, y, m) => {
    const u = rand();
    const rk = /^relapseWithin(\d)$/.exec(m);
    if (rk) return y < Number(rk[1]) ? Number.NaN : 0.04 * Number(rk[1]) + 0.02 * u;
    switch (m) {
      case "exitedPeople":
        return 700 * (y + 1) + 100 * u;
      case "exitRate":
        return Math.min(1, 0.12 * (y + 1) + 0.01 * u);
      case "exitHazard":
        return run === 0 && y === years.length - 1 ? Number.NaN : 0.37 + 0.05 * u - 0.02 * y;
      case "poorExitRate":
        return 0.3 + 0.04 * u;
      case "newlyRegistered":
        return y === 0 ? 0 : 150 + 50 * u;
      case "fiscalCost":
        return 1e6 + 1e5 * u;
      default:
        return 0;
    }
  });
}
