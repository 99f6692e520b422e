/**
 * Assemble the report page: summary up front, then exits and targets, budget (charts
 * and ledger tables), pool, relocation, variants, checks and provenance. Only the
 * sections the scenario has data for appear.
 *
 * @example
 * const page = buildReportPage(input, (kind) => [{ label: "PNG", href: `charts/${kind}.png` }]);
 */
import { say } from "../messages/lang.js";
import * as M from "../messages/report.js";
import { buildChart, type ChartKind, type ChartInputMap } from "../charts/registry.js";
import { CHART_SECTIONS, chartsOfSection, type ChartSection } from "../charts/kinds.js";
import type { Localized } from "../messages/lang.js";
import type { Block, ReportPage, ReportSection } from "../render/html.js";
import { summaryBlocks } from "./summary.js";
import type { ReportInput } from "./types.js";

/** The title of each chart section; the kinds in it come from the chart registry (charts/kinds.ts). */
const SECTION_TITLES: { readonly [S in ChartSection]: () => Localized } = {
  exits: M.sectionExits,
  budget: M.sectionBudget,
  pool: M.sectionPool,
  relocation: M.sectionRelocation,
  variants: M.sectionVariants,
};
const GROUPS = CHART_SECTIONS.map((id) => ({ id, title: SECTION_TITLES[id], kinds: chartsOfSection(id) }));

/** Links shown under a chart (its files beside the report). */
export type ChartLinks = (kind: ChartKind) => readonly { label: string; href: string }[];

export function buildReportPage(input: ReportInput, links: ChartLinks = () => []): ReportPage {
  const { lang } = input;
  const years = input.years.length > 0 ? `${input.years[0]}–${input.years[input.years.length - 1]}` : "";
  const sections: ReportSection[] = [{ id: "summary", title: say(lang, M.sectionSummary()), blocks: summaryBlocks(input.facts, input.checks, lang) }];
  for (const g of GROUPS) {
    const blocks: Block[] = [];
    for (const kind of g.kinds) {
      const data = input.charts[kind];
      if (data === undefined) continue;
      blocks.push({ kind: "chart", id: `chart-${kind}`, spec: buildChart(kind, data as ChartInputMap[typeof kind], lang), links: links(kind) });
    }
    if (g.id === "variants" && input.variantTable) {
      const t = input.variantTable;
      blocks.unshift(
        ...(input.variantNotes && input.variantNotes.length > 0 ? [{ kind: "definitions" as const, items: input.variantNotes }] : []),
        { kind: "table", caption: t.title, columns: t.columns, rows: t.rows, numeric: t.numeric },
      );
    }
    if (blocks.length > 0) sections.push({ id: g.id, title: say(lang, g.title()), blocks });
    if (g.id === "exits" && input.uncertainty) {
      const u = input.uncertainty;
      sections.push({
        id: "uncertainty",
        title: say(lang, M.sectionUncertainty()),
        blocks: [
          { kind: "table", caption: u.heading, columns: u.table.columns, rows: u.table.rows, numeric: u.table.numeric },
          { kind: "paragraph", text: u.note },
        ],
      });
    }
    if (g.id === "budget" && input.tables.length > 0) {
      sections.push({
        id: "ledger",
        title: say(lang, M.sectionLedger()),
        blocks: input.tables.map((t) => ({ kind: "table", caption: t.title, columns: t.columns, rows: t.rows, numeric: t.numeric, ...(t.totalRow ? { totalRow: true } : {}) })),
      });
    }
  }
  if (input.whatMatters && input.whatMatters.length > 0) sections.push({ id: "what-matters", title: say(lang, M.sectionWhatMatters()), blocks: input.whatMatters });
  sections.push({
    id: "checks",
    title: say(lang, M.sectionChecks()),
    blocks:
      input.checks.length > 0
        ? [{ kind: "checks", items: input.checks.map((c) => ({ severity: c.severity, label: say(lang, M.severity(c.severity)), text: c.message })) }]
        : [{ kind: "paragraph", text: say(lang, M.noChecks()), emphasis: "good" }],
  });
  sections.push({
    id: "manifest",
    title: say(lang, M.sectionManifest()),
    blocks: [{ kind: "definitions", items: Object.entries(input.manifest).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)] as const) }],
  });
  return {
    lang,
    title: say(lang, M.reportTitle(input.name)),
    subtitle: say(lang, M.reportSubtitle(years, input.facts.runs, input.facts.seed)),
    sections,
    footer: say(lang, M.footer(input.version)),
  };
}
