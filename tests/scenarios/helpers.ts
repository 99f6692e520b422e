/**
 * Helpers for the shipped-scenario tests: load a scenario (optionally a variant), look up
 * list items by id, read a resolved number in a year.
 *
 * @example
 * const { s, years } = await shipped("linghai-2017", "housing-stretch");
 * num(byId(s.programmes, "housing").units!, 2017, years) // 100
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { expect } from "vitest";
import { loadScenario, at, type Scenario, type LoadedScenario, type Param } from "../../src/scenario/index.js";
import { renderIssues } from "../../src/messages/scenario.js";

/** The five source plans shipped as scenarios. */
export const SHIPPED = ["linghai-2017", "zhengzhou-2016", "hanyang-2015", "jiangmen-2016", "anqing-2016"] as const;
export type ShippedId = (typeof SHIPPED)[number];

export const scenariosDir = fileURLToPath(new URL("../../scenarios/", import.meta.url));
export const fileOf = (id: string): string => join(scenariosDir, `${id}.yaml`);

/** Load a shipped scenario (and variant); fails the test with the rendered issues if invalid. */
export async function shipped(id: string, variant?: string): Promise<LoadedScenario & { s: Scenario }> {
  const r = await loadScenario(fileOf(id), variant === undefined ? {} : { variant });
  if (!r.ok) expect.fail(`${id}${variant ? ` (variant ${variant})` : ""} is invalid:\n${renderIssues("en", r.error)}`);
  return { ...r.value, s: r.value.scenario };
}

/** The item of a list with this id (fails the test when missing). */
export function byId<T extends { readonly id: string }>(items: readonly T[], id: string): T {
  const it = items.find((x) => x.id === id);
  if (!it) expect.fail(`no item "${id}" in [${items.map((x) => x.id).join(", ")}]`);
  return it;
}

/** A resolved number in a year, as a float (exact for the integers and short decimals used here). */
export const num = (p: Param, year: number, years: readonly number[]): number => at(p, year, years).toNumber();

/** A resolved number per horizon year, only where the file gave it (flows: dated → the years named). */
export const given = (p: Param, years: readonly number[]): Record<number, number> =>
  Object.fromEntries(years.flatMap((y, i) => (p.given[i] === true ? [[y, p.values[i]!.toNumber()]] : [])));
