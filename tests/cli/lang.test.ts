/** The CLI in Chinese: help, yargs' own words and usage errors, by --lang or by the environment. */
import { describe, it, expect } from "vitest";
import { runCapture } from "../../src/cli/main.js";
import { cliLang } from "../../src/cli/buildCli.js";
import { cliHelp, usageHint, usageLine, YARGS_ZH } from "../../src/messages/cli.js";

const ZH = cliHelp("zh");

describe("Chinese CLI", () => {
  it("--help --lang zh: usage, commands and yargs' headings in Chinese", async () => {
    const r = await runCapture(["--help", "--lang", "zh"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(usageLine().zh);
    // Descriptions may wrap onto the next line (at a space or between Chinese characters), padded to their column: compare without white space.
    const squeezed = r.stdout.replace(/\s+/g, "");
    for (const k of ["validate", "simulate", "report", "lang", "optimise", "shard", "merge"] as const) expect(squeezed).toContain(ZH[k].replace(/\s+/g, ""));
    expect(r.stdout).toContain("选项：");
    expect(r.stdout).not.toContain("Options:");
  });

  it("a command's help in Chinese from LANG=zh_CN.UTF-8, with [required] and defaults", async () => {
    const r = await runCapture(["simulate", "--help"], process.cwd(), { LANG: "zh_CN.UTF-8" });
    expect(r.stdout).toContain(ZH.simulate);
    // Descriptions may wrap onto the next line, padded to their column: compare without the wrapping.
    const unwrapped = r.stdout.replace(/\s*\n\s*/g, "");
    expect(unwrapped).toContain(ZH.simulateOut);
    expect(unwrapped).toContain(ZH.allIssues);
    expect(r.stdout).toContain(YARGS_ZH["Positionals:"] as string);
    expect(r.stdout).toContain("[必需]");
    expect(r.stdout).toContain("[默认值:");
    expect(r.stdout).not.toMatch(/Positionals:|\[required\]|\[default:/);
  });

  it("usage errors in Chinese: missing argument, unknown option, invalid value, no command", async () => {
    const env = { LC_ALL: "zh_CN.UTF-8" };
    const missing = await runCapture(["simulate"], process.cwd(), env);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("参数不足");
    expect(missing.stderr).toContain(usageHint().zh);
    const unknown = await runCapture(["validate", "x.yaml", "--bogus"], process.cwd(), env);
    expect(unknown.stderr).toContain("未知的选项：bogus");
    const invalid = await runCapture(["describe", "x.yaml", "--lang", "xx"], process.cwd(), env);
    expect(invalid.stderr).toContain("无效的选项值");
    const none = await runCapture([], process.cwd(), env);
    expect(none.stderr).toContain(ZH.noCommand);
    for (const r of [missing, unknown, invalid, none]) expect(r.stderr).not.toMatch(/Not enough|Unknown argument|Invalid values|Run `fundsim/);
  });

  it("--lang wins over the environment; no environment means English", async () => {
    expect(cliLang(["--lang", "en"], { LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLang(["--lang=zh"], {})).toBe("zh");
    expect(cliLang([], { LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLang([], { LC_MESSAGES: "zh_TW.UTF-8" })).toBe("zh");
    expect(cliLang([], {})).toBe("en");
    const r = await runCapture(["simulate", "--lang", "en"], process.cwd(), { LANG: "zh_CN.UTF-8" });
    expect(r.stderr).toContain("Not enough non-option arguments");
    expect(r.stderr).toContain(usageHint().en);
  });
});
