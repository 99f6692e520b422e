/**
 * Problems with input, as data. Validation returns these; src/messages/scenario.ts turns
 * them into text (en, zh) in one place.
 */

export const ISSUE_CODES = [
  "fileNotFound",
  "isDirectory",
  "fileTooLarge",
  "emptyFile",
  "binaryFile",
  "unreadable",
  "syntax",
  "tooDeep",
  "unsupportedTag",
  "duplicateKey",
  "notMapping",
  "invalidType",
  "notFinite",
  "unsafeNumber",
  "invalidValue",
  "outOfRange",
  "unknownKey",
  "badKey",
  "missingKey",
  "invalidChoice",
  "duplicateId",
  "yearOutsideHorizon",
  "badHorizon",
  "horizonTooLong",
  "loanAboveLending",
  "tooManyLoans",
  "unknownReference",
  "expressionSyntax",
  "expressionForbidden",
  "expressionUnknownName",
  "missingValues",
  "expressionCycle",
  "expressionNotFinite",
  "expressionDomain",
  "peopleBelowHouseholds",
  "sharesAboveOne",
  "floorStandardNotFloor",
  "floorsOverlap",
  "villageEffectMisplaced",
  "effectCannotApply",
  "coverNotApplicable",
  "transitoryAboveSpread",
  "notAnUnknown",
  "unknownRange",
  "unknownDated",
  "duplicateUnknown",
  "overlayPath",
  "workbookLayout",
  "workbookCell",
  "unknownVariant",
  "badSet",
  "registerRow",
  "targetMetric",
  "targetYear",
  "noFittedTarget",
  "noFreeParameter",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type PathSegment = string | number;

export interface Issue {
  readonly code: IssueCode;
  /** Where in the document (field path), empty for the whole file. */
  readonly path: readonly PathSegment[];
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly expected?: string;
  readonly found?: string;
  /** A short extra fact (e.g. the parser's own words, the cycle, the suggestion). */
  readonly detail?: string;
  /** The YAML parser's error code for a syntax issue (e.g. BAD_INDENT; UNRESOLVED_ALIAS for an alias to no anchor), which the messages explain. */
  readonly parserCode?: string;
  /** A suggested replacement ("did you mean …"). */
  readonly suggestion?: string;
  /** The variant whose overlaid scenario has this issue (`path` is then the variant's `set:` entry). */
  readonly variant?: string;
  /** For a variant's issue: the field of the overlaid scenario. */
  readonly fieldPath?: readonly PathSegment[];
}

/** Show a found value briefly. */
export function describeFound(x: unknown): string {
  if (x === undefined) return "nothing";
  if (x === null) return "null (empty value)";
  if (typeof x === "number") return Number.isNaN(x) ? "NaN" : String(x);
  if (typeof x === "string") return JSON.stringify(x.length > 60 ? `${x.slice(0, 57)}...` : x);
  if (typeof x === "boolean") return String(x);
  if (Array.isArray(x)) return `a list of ${x.length}`;
  if (typeof x === "object") {
    const keys = Object.keys(x as object);
    return `a mapping {${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", …" : ""}}`;
  }
  return typeof x;
}

/** Levenshtein distance (case-insensitive), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const n = t.length;
  const row = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const c = s.charCodeAt(i - 1);
    let diag = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const up = row[j] ?? 0;
      row[j] = Math.min(up + 1, (row[j - 1] ?? 0) + 1, diag + (c === t.charCodeAt(j - 1) ? 0 : 1));
      diag = up;
    }
  }
  return row[n] ?? 0;
}

/** The closest candidate within a sensible distance, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    // The distance is at least the difference in length: skip candidates that cannot win.
    if (Math.abs(c.length - word.length) > Math.min(limit, bestD)) continue;
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= limit ? best : undefined;
}
