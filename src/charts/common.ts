/**
 * Pieces every chart shares: the top-level frame (schema, size, theme), a localized
 * title, the year axis, and a legend for layers that each draw one series.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Lang } from "../messages/lang.js";
import { label, type LabelKey } from "./labels.js";
import { SIZE, theme } from "./theme.js";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** A chart outside the registry (a sensitivity study's, a calibration's) with its file name inside the output folder, without extension. */
export interface NamedChart {
  readonly name: string;
  readonly spec: TopLevelSpec;
}

/** A spec body without the frame; `frame` adds schema, title, size and config. */
export type SpecBody = Record<string, unknown>;

/** Wrap a body in the shared frame. */
export function frame(lang: Lang, title: LabelKey, subtitle: LabelKey, body: SpecBody, size: { width?: number; height?: number } = {}): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: label(lang, title), subtitle: label(lang, subtitle) },
    width: size.width ?? SIZE.width,
    height: size.height ?? SIZE.height,
    ...body,
    ...(Array.isArray(body["layer"]) ? { layer: (body["layer"] as unknown[]).map(applySeries) } : {}),
    config: theme(),
  } as TopLevelSpec;
}

/** The x encoding for years (ordinal, in order, horizontal labels). */
export function yearX(lang: Lang): Record<string, unknown> {
  return { field: "year", type: "ordinal", sort: "ascending", title: label(lang, "year"), axis: { labelAngle: 0 } };
}

const SERIES = Symbol("series");

/**
 * A colour encoding that gives a layer a fixed legend entry. All layers of a chart pass
 * the same `entries` so the legend lists every series once, in order. `frame` adds the
 * matching `calculate` transform (a constant `series` field) to the layer, which keeps
 * the spec valid against the Vega-Lite schema (a `datum` colour cannot carry a legend).
 */
export function seriesColor(lang: Lang, name: LabelKey, entries: readonly (readonly [LabelKey, string])[]): Record<string | symbol, unknown> {
  return {
    field: "series",
    type: "nominal",
    scale: { domain: entries.map(([k]) => label(lang, k)), range: entries.map(([, c]) => c) },
    legend: { title: null },
    [SERIES]: label(lang, name),
  };
}

/** Add the constant `series` field a `seriesColor` encoding reads (symbol keys do not survive JSON). */
function applySeries(layer: unknown): unknown {
  const l = layer as { encoding?: { color?: Record<string | symbol, unknown> }; transform?: unknown[] };
  const name = l.encoding?.color?.[SERIES];
  if (typeof name !== "string") return layer;
  const { [SERIES]: _drop, ...color } = l.encoding?.color ?? {};
  return { ...l, transform: [...(l.transform ?? []), { calculate: JSON.stringify(name), as: "series" }], encoding: { ...l.encoding, color } };
}

/** Round to `digits` significant digits (keeps specs small and snapshots stable). */
export function sig(x: number, digits = 6): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** Rough width in pixels of a legend label at 12 px: Chinese and full-width characters 1 em, others about 0.6 em. */
export function approxLabelWidth(text: string, fontSize = 12): number {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u.test(ch) ? 1 : 0.6;
  return em * fontSize;
}

/**
 * Legend layout for category labels under a chart of `width` pixels: as many columns
 * (up to `maxColumns`) as fit the longest label, and a label limit wide enough that no
 * label is cut ("…" would hide what tells two programmes apart).
 */
export function legendLayout(labels: readonly string[], maxColumns: number, width: number = SIZE.width): { columns: number; labelLimit: number } {
  const longest = Math.max(0, ...labels.map((l) => approxLabelWidth(l)));
  // Each column also holds the symbol (about 20 px) and the gap between columns.
  const columns = Math.max(1, Math.min(maxColumns, Math.floor((width + 24) / (longest + 44))));
  return { columns, labelLimit: Math.max(260, Math.ceil(longest) + 40) };
}

/**
 * What a chart shows for each variant: its label, or its id when it has none; two
 * variants with the same label are told apart by their ids.
 */
export function variantNames(items: readonly { readonly variant: string; readonly label?: string | undefined }[]): Map<string, string> {
  const shown = (i: { variant: string; label?: string | undefined }): string => (i.label !== undefined && i.label !== "" ? i.label : i.variant);
  const ids = new Map<string, string>();
  for (const i of items) if (!ids.has(i.variant)) ids.set(i.variant, shown(i));
  const count = new Map<string, number>();
  for (const name of ids.values()) count.set(name, (count.get(name) ?? 0) + 1);
  return new Map([...ids].map(([id, name]) => [id, (count.get(name) ?? 0) > 1 && name !== id ? `${name} (${id})` : name]));
}
