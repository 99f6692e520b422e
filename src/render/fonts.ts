/**
 * Locate a Chinese-capable font for the renderers to embed and measure with. Without one,
 * charts are still drawn (with whatever font the system offers; Chinese may show as boxes)
 * and the commands print a warning naming the font to install (`fontsMissing`).
 *
 * Looked for, in this order:
 * 1. `FUNDSIM_CJK_FONT=/path/to/font.ttc` — one font file, used for regular and bold;
 * 2. `FUNDSIM_FONT_DIR=/folder` — a folder holding one of the known fonts below;
 * 3. the system font folders of the platform (`FONT_DIRS`): Linux (Debian `fonts-noto-cjk`
 *    and other fontconfig folders, then wherever `fc-match` says Noto Sans CJK SC is),
 *    macOS (`/System/Library/Fonts`, `/Library/Fonts`, `~/Library/Fonts`), Windows
 *    (`%WINDIR%\Fonts`, the per-user font folder).
 *
 * Known fonts, best first (`KNOWN_FONTS`): Noto Sans CJK SC, PingFang SC, Hiragino Sans GB,
 * Heiti SC (STHeiti), Songti SC, Microsoft YaHei, SimHei, SimSun.
 *
 * @example
 * const r = findFonts();
 * if (r.ok) new Resvg(svg, { font: { fontFiles: [r.value.regular.path, r.value.bold.path] } });
 * else stderr.write(say(lang, r.error)); // and render anyway
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";
import { err, ok, type Result } from "../util/result.js";
import type { Localized } from "../messages/lang.js";
import { fontsMissing } from "../messages/charts.js";

/** One font face: its file and, for a collection (.ttc), the PostScript name of the face. */
export interface FontFace {
  readonly path: string;
  readonly postscriptName?: string;
}

export interface FontSet {
  /** Family name the SVG asks for (resvg maps it to the files). */
  readonly family: string;
  readonly regular: FontFace;
  readonly bold: FontFace;
}

/** A file name and, for a collection, the face inside it. */
type Candidate = readonly [file: string, postscriptName?: string];

interface KnownFont {
  readonly family: string;
  readonly regular: readonly Candidate[];
  /** Empty: the family has no bold file; regular is used for bold. */
  readonly bold: readonly Candidate[];
}

/** Chinese-capable fonts fundsim can use, best first; file names are matched case-insensitively. */
export const KNOWN_FONTS: readonly KnownFont[] = [
  {
    family: "Noto Sans CJK SC",
    regular: [["NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"], ["NotoSansCJKsc-Regular.otf"], ["NotoSansSC-Regular.otf"]],
    bold: [["NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold"], ["NotoSansCJKsc-Bold.otf"], ["NotoSansSC-Bold.otf"]],
  },
  { family: "PingFang SC", regular: [["PingFang.ttc", "PingFangSC-Regular"]], bold: [["PingFang.ttc", "PingFangSC-Semibold"]] },
  {
    family: "Hiragino Sans GB",
    regular: [["Hiragino Sans GB.ttc", "HiraginoSansGB-W3"], ["Hiragino Sans GB W3.otf"]],
    bold: [["Hiragino Sans GB.ttc", "HiraginoSansGB-W6"], ["Hiragino Sans GB W6.otf"]],
  },
  { family: "Heiti SC", regular: [["STHeiti Light.ttc", "STHeitiSC-Light"]], bold: [["STHeiti Medium.ttc", "STHeitiSC-Medium"]] },
  { family: "Songti SC", regular: [["Songti.ttc", "STSongti-SC-Regular"]], bold: [["Songti.ttc", "STSongti-SC-Bold"]] },
  { family: "Microsoft YaHei", regular: [["msyh.ttc", "MicrosoftYaHei"], ["msyh.ttf"]], bold: [["msyhbd.ttc", "MicrosoftYaHei-Bold"], ["msyhbd.ttf"]] },
  { family: "SimHei", regular: [["simhei.ttf"]], bold: [] },
  { family: "SimSun", regular: [["simsun.ttc", "SimSun"]], bold: [] },
];

/** Linux font folders (fontconfig's usual places; Debian's fonts-noto-cjk is the first). */
const LINUX_DIRS = [
  "/usr/share/fonts/opentype/noto",
  "/usr/share/fonts/noto-cjk",
  "/usr/share/fonts/google-noto-cjk",
  "/usr/share/fonts/opentype/noto-cjk",
  "/usr/share/fonts/google-noto-sans-cjk-fonts",
  "/usr/share/fonts/truetype/noto",
  "/usr/local/share/fonts",
] as const;

/** The system font folders of a platform. */
export function systemFontDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string[] {
  switch (platform) {
    case "darwin":
      return ["/System/Library/Fonts", "/System/Library/Fonts/Supplemental", "/Library/Fonts", join(home, "Library/Fonts")];
    case "win32": {
      const windir = env["WINDIR"] ?? env["SystemRoot"] ?? "C:\\Windows";
      const local = env["LOCALAPPDATA"];
      return [join(windir, "Fonts"), ...(local ? [join(local, "Microsoft", "Windows", "Fonts")] : [])];
    }
    default:
      return [...LINUX_DIRS, join(home, ".local/share/fonts"), join(home, ".fonts")];
  }
}

/** Where to look: an explicit font file, then folders in order, then (optionally) fontconfig. */
export interface FontLookup {
  readonly file?: string | undefined;
  readonly dirs: readonly string[];
  /** Ask fontconfig (`fc-match`) for the folder of a known family when the folders have none. */
  readonly fontconfig?: boolean;
}

/** The lookup the environment asks for: `FUNDSIM_CJK_FONT`, `FUNDSIM_FONT_DIR`, then the system folders. */
export function fontLookup(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): FontLookup {
  const dir = env["FUNDSIM_FONT_DIR"];
  return {
    file: env["FUNDSIM_CJK_FONT"] || undefined,
    dirs: [...(dir ? [dir] : []), ...systemFontDirs(platform, env, home)],
    fontconfig: platform !== "win32" && platform !== "darwin",
  };
}

function listDir(dir: string): Map<string, string> {
  try {
    return new Map(readdirSync(dir).map((name) => [name.toLowerCase(), name]));
  } catch {
    return new Map();
  }
}

function findIn(listings: readonly (readonly [string, Map<string, string>])[], candidates: readonly Candidate[]): FontFace | undefined {
  for (const [dir, names] of listings) {
    for (const [file, ps] of candidates) {
      const name = names.get(file.toLowerCase());
      if (name !== undefined) return ps === undefined ? { path: join(dir, name) } : { path: join(dir, name), postscriptName: ps };
    }
  }
  return undefined;
}

/** The first known font in the folders (pure apart from listing the folders). */
export function findFontsIn(dirs: readonly string[]): Result<FontSet, Localized> {
  const listings = dirs.map((d) => [d, listDir(d)] as const).filter(([, names]) => names.size > 0);
  for (const known of KNOWN_FONTS) {
    const regular = findIn(listings, known.regular);
    if (!regular) continue;
    const bold = findIn(listings, known.bold) ?? regular;
    return ok({ family: known.family, regular, bold });
  }
  return err(fontsMissing(dirs));
}

/** A single font file used for every weight (`FUNDSIM_CJK_FONT`); in a collection, its first face. Undefined when it is not a readable font. */
export function fontFromFile(path: string): FontSet | undefined {
  try {
    const opened = fontkit.openSync(path);
    const font = "fonts" in opened ? opened.fonts[0] : opened;
    if (!font) return undefined;
    const face: FontFace = "fonts" in opened ? { path, postscriptName: font.postscriptName } : { path };
    return { family: font.familyName, regular: face, bold: face };
  } catch {
    return undefined;
  }
}

/** The folder fontconfig names for Noto Sans CJK SC (it answers with a fallback when that is missing; only known files count). */
function fontconfigDir(): string | undefined {
  try {
    const file = execFileSync("fc-match", ["-f", "%{file}", "Noto Sans CJK SC:style=Regular"], { encoding: "utf8", timeout: 3000, stdio: ["ignore", "pipe", "ignore"] }).trim();
    return file && existsSync(file) ? dirname(file) : undefined;
  } catch {
    return undefined; // no fontconfig
  }
}

/** Find a font by a lookup: the file, then the folders, then fontconfig. */
export function findFontsBy(lookup: FontLookup): Result<FontSet, Localized> {
  if (lookup.file !== undefined) {
    const set = fontFromFile(lookup.file);
    if (set) return ok(set);
  }
  const found = findFontsIn(lookup.dirs);
  if (found.ok) return found;
  const fcDir = lookup.fontconfig ? fontconfigDir() : undefined;
  if (fcDir !== undefined && !lookup.dirs.includes(fcDir)) {
    const viaFc = findFontsIn([fcDir]);
    if (viaFc.ok) return viaFc;
  }
  return err(fontsMissing([...(lookup.file !== undefined ? [lookup.file] : []), ...lookup.dirs]));
}

let cached: Result<FontSet, Localized> | undefined;

/** Find the fonts the environment and platform offer (cached after the first call). */
export function findFonts(): Result<FontSet, Localized> {
  cached ??= findFontsBy(fontLookup());
  return cached;
}

/** The fonts to render with, or undefined: draw with whatever the system has (callers warn once). */
export function chartFonts(): FontSet | undefined {
  const r = findFonts();
  return r.ok ? r.value : undefined;
}
