/**
 * A scenario refused with the expected issue, located at `path` and told in both languages
 * with a fix (for tests that feed a bad field).
 *
 * @example
 * const m = expectRefused(scenarioFromObject(raw), "effectCannotApply", "programmes[3].effect");
 */
import { expect } from "vitest";
import { issueHint, issueMessage } from "../../src/messages/scenario.js";
import type { Issue } from "../../src/scenario/index.js";
import type { Localized } from "../../src/messages/lang.js";
import type { Result } from "../../src/util/result.js";

export function expectRefused(r: Result<unknown, readonly Issue[]>, code: Issue["code"], path: string): Localized {
  const issue = r.ok ? undefined : r.error.find((i) => i.code === code);
  expect(issue, `${code} at ${path}; got ${JSON.stringify(r.ok ? null : r.error)}`).toBeDefined();
  const m = issueMessage(issue!);
  expect(m.en).toContain(`At ${path}:`);
  expect(m.zh).toContain(`字段 ${path}：`);
  expect(issueHint(issue!)?.zh).toMatch(/[\u4e00-\u9fff]/);
  return m;
}
