/**
 * Locate the font files every renderer embeds: Noto Sans CJK SC (Debian package
 * `fonts-noto-cjk`), regular and bold. Without them resvg silently drops text and
 * Chinese labels become boxes, so a missing font is a clear error, not a blank chart.
 *
 * Set `FUNDSIM_FONT_DIR` to use fonts from another folder.
 *
 * @example
 * const r = findFonts();
 * if (r.ok) new Resvg(svg, { font: { fontFiles: [r.value.regular.path, r.value.bold.path] } });
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { err, ok, type Result } from "../util/result.js";
import type { Localized } from "../messages/lang.js";
import { fontsMissing } from "../messages/charts.js";

/** One font face: its file and, for a collection (.ttc), the PostScript name of the face. */
export interface FontFace {
  readonly path: string;
  readonly postscriptName?: string;
}

export interface FontSet {
  readonly family: string;
  readonly regular: FontFace;
  readonly bold: FontFace;
}

export const FONT_DIRS = [
  "/usr/share/fonts/opentype/noto",
  "/usr/share/fonts/noto-cjk",
  "/usr/share/fonts/google-noto-cjk",
  "/usr/share/fonts/opentype/noto-cjk",
  "/usr/local/share/fonts",
  "/Library/Fonts",
] as const;

/** File name candidates per weight: the collection first, then region-specific OTFs. */
const CANDIDATES = {
  regular: [
    ["NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"],
    ["NotoSansCJKsc-Regular.otf", undefined],
    ["NotoSansSC-Regular.otf", undefined],
  ],
  bold: [
    ["NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold"],
    ["NotoSansCJKsc-Bold.otf", undefined],
    ["NotoSansSC-Bold.otf", undefined],
  ],
} as const;

function find(dirs: readonly string[], weight: keyof typeof CANDIDATES): FontFace | undefined {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const names = new Set(readdirSync(dir));
    for (const [file, ps] of CANDIDATES[weight]) {
      if (names.has(file)) return ps === undefined ? { path: join(dir, file) } : { path: join(dir, file), postscriptName: ps };
    }
  }
  return undefined;
}

/** Find the fonts in the given folders, in order (pure apart from reading the folders). */
export function findFontsIn(dirs: readonly string[]): Result<FontSet, Localized> {
  const regular = find(dirs, "regular");
  const bold = find(dirs, "bold") ?? regular;
  return regular && bold ? ok({ family: "Noto Sans CJK SC", regular, bold }) : err(fontsMissing(dirs));
}

/** The folders searched: `FUNDSIM_FONT_DIR` first, then the usual system places. */
export const fontDirs = (env: NodeJS.ProcessEnv = process.env): string[] => [...(env["FUNDSIM_FONT_DIR"] ? [env["FUNDSIM_FONT_DIR"]] : []), ...FONT_DIRS];

let cached: Result<FontSet, Localized> | undefined;

/** Find the fonts (cached after the first call). */
export function findFonts(): Result<FontSet, Localized> {
  cached ??= findFontsIn(fontDirs());
  return cached;
}

/** The fonts, or throw the localized message (for callers that already checked availability). */
export function requireFonts(): FontSet {
  const r = findFonts();
  if (!r.ok) throw new FontsMissingError(r.error);
  return r.value;
}

/** Thrown when rendering is asked for without fonts; carries the localized message. */
export class FontsMissingError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = "FontsMissingError";
  }
}
