/**
 * API errors as data and as JSON: `{error: {code, message, issues: [{path, line, column,
 * message, hint}]}}` in the request's language. Scenario issues are the ones the CLI prints
 * (messages/scenario.ts), located in the text sent. Nothing here ever shows a stack trace.
 */
import type { Issue } from "../scenario/issues.js";
import type { Lang, Localized } from "../messages/lang.js";
import { formatPath, issueHint, issueMessage } from "../messages/scenario.js";
import type { ApiErrorCode } from "../messages/server.js";

/** One located problem, rendered in one language. */
export interface IssueOut {
  readonly path: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly code?: string;
  readonly message: string;
  readonly hint?: string;
}

/** An issue before it is rendered: a scenario issue, or a message of the API itself. */
export type IssueIn = { readonly scenario: Issue } | { readonly path: string; readonly message: Localized; readonly hint?: Localized };

/** A failed request: HTTP status, code, message and located issues. */
export interface ApiFailure {
  readonly status: 400 | 403 | 404 | 413 | 422 | 500 | 503;
  readonly code: ApiErrorCode;
  readonly message: Localized;
  readonly issues?: readonly IssueIn[];
}

/** Thrown inside a handler to end it with a JSON error (caught by the app's onError). */
export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message.en);
  }
}

export const fail = (f: ApiFailure): never => {
  throw new ApiError(f);
};

export function renderIssue(i: IssueIn, lang: Lang): IssueOut {
  if ("scenario" in i) {
    const s = i.scenario;
    const hint = issueHint(s);
    return {
      path: formatPath(s.path),
      ...(s.file !== undefined ? { file: s.file } : {}),
      ...(s.line !== undefined ? { line: s.line } : {}),
      ...(s.column !== undefined ? { column: s.column } : {}),
      code: s.code,
      message: issueMessage(s)[lang],
      ...(hint ? { hint: hint[lang] } : {}),
    };
  }
  return { path: i.path, message: i.message[lang], ...(i.hint ? { hint: i.hint[lang] } : {}) };
}

/** Issues listed in one error at most (the message gives the count of all). */
export const MAX_ISSUES = 100;

/** The JSON body of a failure. */
export const errorBody = (f: ApiFailure, lang: Lang) => ({
  error: { code: f.code, message: f.message[lang], issues: (f.issues ?? []).slice(0, MAX_ISSUES).map((i) => renderIssue(i, lang)) },
});
