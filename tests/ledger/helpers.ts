/** Test helpers: small scenarios as plain objects, validated through the real loader. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { Decimal } from "decimal.js";
import { scenarioFromObject, loadScenario } from "../../src/scenario/index.js";
import type { LoadedScenario } from "../../src/scenario/index.js";
import { buildLedger } from "../../src/ledger/build.js";
import type { Ledger } from "../../src/ledger/types.js";

/** A small valid scenario (horizon 2017–2019) to modify in tests: no programmes, pools or sources yet. */
export function baseScenario(): Record<string, unknown> {
  const raw = parse(readFileSync(new URL("../fixtures/minimal.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
  return {
    ...raw,
    funding: { sources: [{ id: "county", rule: { kind: "fixed", amount: 0 } }] },
    programmes: [],
    creditPools: [],
    variants: [],
  };
}

export function loaded(raw: unknown): LoadedScenario {
  const r = scenarioFromObject(raw);
  if (!r.ok) throw new Error(`fixture invalid: ${JSON.stringify(r.error)}`);
  return r.value;
}

export const ledgerOf = (raw: unknown): Ledger => buildLedger(loaded(raw).scenario);

export async function ledgerOfFile(file: string, variant?: string): Promise<Ledger> {
  const r = await loadScenario(file, { variant });
  if (!r.ok) throw new Error(`scenario invalid: ${JSON.stringify(r.error)}`);
  return buildLedger(r.value.scenario, { years: r.value.years });
}

/** A scenario with the given sections replaced. */
export const withParts = (parts: Record<string, unknown>): Record<string, unknown> => ({ ...baseScenario(), ...parts });

export const d = (x: Decimal.Value): Decimal => new Decimal(x);
export const strs = (xs: readonly Decimal[]): string[] => xs.map((x) => x.toFixed());
