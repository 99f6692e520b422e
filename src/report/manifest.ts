/**
 * The manifest of a report as display pairs, keyed by names in the report's language.
 *
 * @example
 * manifestEntries(set, ["full-capacity"], "en") // { "fundsim version": "0.1.0", …, "Seed": 1, … }
 */
import type { Lang } from "../messages/lang.js";
import { say } from "../messages/lang.js";
import { MANIFEST_KEYS, manifestKey, type ManifestKey } from "../messages/report.js";
import type { ResultSet } from "../results/write.js";

/** The manifest as display pairs, keyed by localized names. */
export function manifestEntries(set: ResultSet, variants: readonly string[], lang: Lang): Record<string, unknown> {
  const m = set.manifest;
  const values: Record<ManifestKey, unknown> = {
    fundsim: m.fundsim,
    scenario: m.scenario.file,
    scenarioId: m.scenario.id,
    scenarioHash: m.scenario.hash,
    variant: m.variant ?? "—",
    comparedVariants: variants.length > 0 ? variants.join(", ") : "—",
    sets: m.sets.length > 0 ? m.sets.join("; ") : "—",
    seed: m.seed,
    runs: m.runs,
    threads: m.threads,
    households: m.households,
    years: m.years.join(", "),
    wallTimeSeconds: Number(m.wallTimeSeconds.toFixed(2)),
    node: m.node,
    created: m.created,
  };
  return Object.fromEntries(MANIFEST_KEYS.map((k) => [say(lang, manifestKey(k)), values[k]]));
}
