/**
 * `npm run fuzz [-- --n 10000 --seed 1 --budget 5000]`: seeded random mutations of every
 * shipped scenario and test fixture, each run in-process through validate → ledger →
 * a tiny simulation (see fuzzCore.ts). Prints the counts and the first failures with what
 * reproduces them; exits 1 when anything crashed, hung or gave an undocumented non-finite
 * number. Not part of `npm test` (the tests run a small seeded sample).
 */
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeFailure, loadBases, runFuzz } from "./fuzzCore.js";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    budget: { type: "string", default: "5000" },
    show: { type: "string", default: "5" },
  },
});
const n = Number(values.n);
const seed = Number(values.seed);
const root = fileURLToPath(new URL("..", import.meta.url));
const bases = await loadBases(root);
const report = await runFuzz({
  n,
  seed,
  bases,
  budgetMs: Number(values.budget),
  onProgress: (done) => {
    if (done % 500 === 0) process.stderr.write(`\r${done}/${n}`);
  },
});
process.stderr.write("\n");
const show = Number(values.show);
console.log(`fuzz: ${report.cases} mutated scenarios from ${bases.length} bases, seed ${seed}, ${report.seconds.toFixed(1)} s (slowest case ${Math.round(report.slowestMs)} ms)`);
console.log(`  refused with issues: ${report.refused}   ran: ${report.ran}`);
console.log(`  crashes: ${report.crashes.length}   hangs: ${report.hangs.length}   non-finite: ${report.nonFinite.length}`);
for (const f of [...report.crashes.slice(0, show), ...report.hangs.slice(0, show), ...report.nonFinite.slice(0, show)]) console.log(describeFailure(f, seed));
process.exitCode = report.crashes.length + report.hangs.length + report.nonFinite.length > 0 ? 1 : 0;
