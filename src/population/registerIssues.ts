/**
 * Problems found while reading a household register CSV — data, rendered to text in
 * one place (src/messages/population.ts).
 *
 * @example
 * { code: "notInteger", file: "hh.csv", line: 17, column: "size", found: "3.5", min: 1, max: 255 }
 */

export const REGISTER_ISSUE_CODES = [
  "missingFile", // the path does not exist
  "notAFile", // the path is a directory or something else
  "unreadable", // the file could not be read (permissions, I/O)
  "emptyFile", // no header line
  "notText", // invalid UTF-8 or NUL bytes (a binary file)
  "unterminatedQuote", // a quoted field never closes
  "missingColumn", // a required column is absent from the header
  "unknownColumn", // a header name that is not a register column
  "duplicateColumn", // the same column twice in the header
  "fieldCount", // a row with more or fewer fields than the header
  "emptyValue", // a required value is blank
  "notNumber", // not a decimal number
  "notInteger", // not a whole number
  "outOfRange", // a number outside [min, max]
  "unknownValue", // not one of the allowed words (segment, cause, labour, flag, cohort)
  "duplicateId", // the same household id twice
  "tooLarge", // more households than one population can hold
  "noRows", // a header but no households
  "more", // further issues that were counted but not listed
] as const;
export type RegisterIssueCode = (typeof REGISTER_ISSUE_CODES)[number];

export interface RegisterIssue {
  readonly code: RegisterIssueCode;
  /** The file as the user named it. */
  readonly file: string;
  /** 1-based line of the row (0 for problems with the whole file). */
  readonly line: number;
  /** Column name as documented (e.g. `size`), when the problem is in one field. */
  readonly column?: string;
  /** What was found, as typed. */
  readonly found?: string;
  /** Allowed words, for `unknownValue`. */
  readonly allowed?: readonly string[];
  /** Closest allowed word, for `unknownValue` / `unknownColumn`. */
  readonly suggestion?: string;
  /** Range, for `outOfRange` / `notInteger`. */
  readonly min?: number;
  readonly max?: number;
  /** Expected field count (`fieldCount`), first line of a duplicate id (`duplicateId`), or issues not listed (`more`). */
  readonly count?: number;
  /** The same problem on several rows: the first lines it is on (`line` is the first), and on how many rows in all. */
  readonly lines?: readonly number[];
  readonly lineCount?: number;
}

/** At most this many issues are listed; the rest are counted in one `more` issue. */
export const MAX_LISTED_ISSUES = 20;

/** Lines named for a problem found on several rows (the rest are counted). */
export const MAX_GROUP_LINES = 5;

/**
 * Collects issues, keeping the first MAX_LISTED_ISSUES and counting the rest. The same
 * problem (same code, column, value …) on several rows is one issue with its lines.
 */
export class IssueCollector {
  readonly listed: RegisterIssue[] = [];
  private extra = 0;
  private readonly groups = new Map<string, { readonly index: number; readonly lines: number[]; count: number }>();
  constructor(private readonly limit = MAX_LISTED_ISSUES) {}
  add(issue: RegisterIssue): void {
    const { line, ...what } = issue;
    const key = line > 0 ? JSON.stringify(what) : undefined;
    const group = key === undefined ? undefined : this.groups.get(key);
    if (group) {
      group.count++;
      if (group.lines.length < MAX_GROUP_LINES) group.lines.push(line);
      return;
    }
    if (this.listed.length < this.limit) {
      if (key !== undefined) this.groups.set(key, { index: this.listed.length, lines: [line], count: 1 });
      this.listed.push(issue);
    } else this.extra++;
  }
  get any(): boolean {
    return this.listed.length > 0;
  }
  /** The listed issues plus a trailing `more` issue when some were not listed. */
  result(file: string): RegisterIssue[] {
    const listed = this.listed.map((i): RegisterIssue => i);
    for (const g of this.groups.values()) {
      const i = listed[g.index];
      if (i && g.count > 1) listed[g.index] = { ...i, lines: [...g.lines], lineCount: g.count };
    }
    return this.extra > 0 ? [...listed, { code: "more", file, line: 0, count: this.extra }] : listed;
  }
}

/** Problems in a list of register issues: every row of a grouped one, and those only counted. */
export function problemCount(issues: readonly RegisterIssue[]): number {
  return issues.reduce((n, i) => n + (i.code === "more" ? (i.count ?? 0) : (i.lineCount ?? 1)), 0);
}

/** Closest word by edit distance (case-insensitive), or undefined when nothing is close. */
export function closest(word: string, choices: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(w.length / 3)) + 1;
  for (const c of choices) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}
