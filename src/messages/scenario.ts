/** Messages about scenario files and other inputs (validation issues). */
import { loc, type Localized, type Lang } from "./lang.js";
import { formatPath, type Issue } from "../scenario/issues.js";

/** The one-line statement of an issue. */
export function issueMessage(i: Issue): Localized {
  const at = formatPath(i.path);
  const exp = i.expected ?? "";
  const found = i.found ?? "";
  switch (i.code) {
    case "fileNotFound":
      return loc("File not found.", "找不到文件。");
    case "isDirectory":
      return loc("This is a folder, not a scenario file.", "这是一个文件夹，不是情景文件。");
    case "fileTooLarge":
      return loc(`File too large: ${found}; the limit is ${exp}.`, `文件过大：${found}，上限为 ${exp}。`);
    case "emptyFile":
      return loc("The file is empty.", "文件为空。");
    case "binaryFile":
      return loc("The file is not UTF-8 text (it looks binary).", "文件不是 UTF-8 文本（看起来是二进制文件）。");
    case "unreadable":
      return loc(`The file cannot be read: ${i.detail ?? ""}`, `无法读取文件：${i.detail ?? ""}`);
    case "syntax":
      return loc(`Syntax error: ${i.detail ?? ""}`, `语法错误：${i.detail ?? ""}`);
    case "duplicateKey":
      return loc(`Key "${found}" appears twice in the same mapping.`, `同一映射中键 "${found}" 出现了两次。`);
    case "notMapping":
      return loc(`Expected ${exp}, found ${found}.`, `应为${exp}，实际为${found}。`);
    case "invalidType":
      return loc(`At ${at}: expected ${exp}, found ${found}.`, `字段 ${at}：应为 ${exp}，实际为 ${found}。`);
    case "notFinite":
      return loc(`At ${at}: expected a finite number, found ${found}.`, `字段 ${at}：应为有限数值，实际为 ${found}。`);
    case "unsafeNumber":
      return loc(`At ${at}: ${found} is beyond the range of exact numbers (±9,007,199,254,740,991).`, `字段 ${at}：${found} 超出可精确表示的数值范围（±9,007,199,254,740,991）。`);
    case "invalidValue":
      return loc(`At ${at}: expected ${exp}, found ${found}.`, `字段 ${at}：应为 ${exp}，实际为 ${found}。`);
    case "outOfRange":
      return loc(`At ${at}: expected ${exp}, found ${found}.`, `字段 ${at}：应为 ${exp}，实际为 ${found}。`);
    case "unknownKey":
      return loc(`At ${at}: unknown key "${found}".`, `字段 ${at}：未知的键 "${found}"。`);
    case "missingKey":
      return loc(`At ${at}: required field is missing (expected ${exp}).`, `字段 ${at}：缺少必填项（应为 ${exp}）。`);
    case "invalidChoice":
      return loc(`At ${at}: expected one of ${exp}, found ${found}.`, `字段 ${at}：应为 ${exp} 之一，实际为 ${found}。`);
    case "duplicateId":
      return loc(`At ${at}: id "${found}" is used twice.`, `字段 ${at}：标识 "${found}" 重复使用。`);
    case "yearOutsideHorizon":
      return loc(`At ${at}: year ${found} is outside the horizon ${exp}.`, `字段 ${at}：年份 ${found} 不在模拟期 ${exp} 之内。`);
    case "badHorizon":
      return loc(`At ${at}: the horizon must end at or after its start (${found}).`, `字段 ${at}：模拟期结束年份不得早于开始年份（${found}）。`);
    case "unknownReference":
      return loc(`At ${at}: "${found}" does not name any ${exp}.`, `字段 ${at}："${found}" 不是任何${exp}的标识。`);
    case "expressionSyntax":
      return loc(`At ${at}: the expression ${found} has a syntax error: ${i.detail ?? ""}.`, `字段 ${at}：表达式 ${found} 有语法错误：${i.detail ?? ""}。`);
    case "expressionForbidden":
      return loc(`At ${at}: the expression ${found} uses ${i.detail ?? "a forbidden construct"}, which is not allowed in scenario files.`, `字段 ${at}：表达式 ${found} 使用了 ${i.detail ?? "禁止的结构"}，情景文件中不允许。`);
    case "expressionUnknownName":
      return loc(`At ${at}: the expression ${found} uses the name "${i.detail ?? ""}", which is not defined under values:.`, `字段 ${at}：表达式 ${found} 使用了未在 values: 中定义的名称 "${i.detail ?? ""}"。`);
    case "expressionCycle":
      return loc(`At ${at}: named values refer to each other in a cycle: ${i.detail ?? ""}.`, `字段 ${at}：命名数值之间存在循环引用：${i.detail ?? ""}。`);
    case "expressionNotFinite":
      return loc(`At ${at}: the expression ${found} does not give a finite number (division by zero?).`, `字段 ${at}：表达式 ${found} 的结果不是有限数值（是否除以零？）。`);
    case "peopleBelowHouseholds":
      return loc(`At ${at}: ${found} people is fewer than ${exp} households.`, `字段 ${at}：人数 ${found} 少于户数 ${exp}。`);
    case "sharesAboveOne":
      return loc(`At ${at}: shares add up to ${found}, more than 1.`, `字段 ${at}：各项比例之和为 ${found}，超过 1。`);
    case "overlayPath":
      return loc(`Overlay path ${i.detail ?? at} does not exist in the scenario (${found}).`, `覆盖路径 ${i.detail ?? at} 在情景中不存在（${found}）。`);
    case "unknownVariant":
      return loc(`No variant named "${found}". Variants in this file: ${exp}.`, `没有名为 "${found}" 的方案。本文件中的方案：${exp}。`);
    case "badSet":
      return loc(`--set ${found}: expected path=value.`, `--set ${found}：格式应为 路径=数值。`);
    case "registerRow":
      return loc(`${i.detail ?? ""}: expected ${exp}, found ${found}.`, `${i.detail ?? ""}：应为 ${exp}，实际为 ${found}。`);
    default:
      return i.code satisfies never;
  }
}

/** How to fix it, where there is something useful to say. */
export function issueHint(i: Issue): Localized | undefined {
  if (i.suggestion !== undefined) return loc(`Did you mean "${i.suggestion}"?`, `是否应为 "${i.suggestion}"？`);
  switch (i.code) {
    case "fileNotFound":
      return loc("Check the path; scenarios shipped with fundsim are in scenarios/.", "请检查路径；fundsim 自带的情景在 scenarios/ 目录中。");
    case "isDirectory":
      return loc("Give a .yaml or .json file inside it.", "请指定其中的 .yaml 或 .json 文件。");
    case "fileTooLarge":
      return loc("A scenario is a short hand-written file; put household data in a register CSV (--register).", "情景文件应为简短的手写文件；住户数据请放在登记册 CSV 中（--register）。");
    case "emptyFile":
    case "notMapping":
      return loc("A scenario starts with `fundsim: 1` and a `meta:` mapping; see the README for a complete example.", "情景文件以 `fundsim: 1` 和 `meta:` 映射开头；完整示例见 README。");
    case "binaryFile":
      return loc("Save the scenario as UTF-8 text (YAML or JSON).", "请将情景保存为 UTF-8 文本（YAML 或 JSON）。");
    case "duplicateKey":
      return loc("Remove or rename one of them.", "请删除或重命名其中之一。");
    case "notFinite":
      return loc("Write a number (NaN, .inf and Infinity are not amounts).", "请填写具体数值（NaN、.inf、Infinity 不是金额）。");
    case "outOfRange":
      return loc("Shares are written as fractions (0.2 for 20%); money in yuan, not negative.", "比例以小数表示（20% 写作 0.2）；金额以元为单位，不得为负。");
    case "yearOutsideHorizon":
      return loc("Extend meta.years or drop that year.", "请扩展 meta.years 或删除该年份。");
    case "expressionForbidden":
      return loc("Expressions may use numbers, names under values:, + - * / ^ % ( ) and min, max, round, floor, ceil, abs, sqrt, exp, log.", "表达式只能使用数字、values: 中的名称、+ - * / ^ % ( ) 以及 min、max、round、floor、ceil、abs、sqrt、exp、log。");
    case "expressionUnknownName":
      return loc("Define it under values: (e.g. values: {wheatPrice: 2.3}).", "请在 values: 中定义（例如 values: {wheatPrice: 2.3}）。");
    case "expressionCycle":
      return loc("Make one of the values a number.", "请将其中一个数值改为具体数字。");
    case "overlayPath":
      return loc("Paths are dotted field names; list items are addressed by id, e.g. programmes.industry.allocation.", "路径由点分隔的字段名组成；列表项用标识表示，例如 programmes.industry.allocation。");
    case "badSet":
      return loc("Example: --set creditPools.pool.leverage=8", "示例：--set creditPools.pool.leverage=8");
    case "unknownKey":
      return loc("Remove it, or check the spelling against the JSON Schema (fundsim schema).", "请删除该键，或对照 JSON Schema（fundsim schema）检查拼写。");
    default:
      return undefined;
  }
}

/** The full one-screen text of a list of issues. */
export function renderIssues(lang: Lang, issues: readonly Issue[], max = 20): string {
  const lines: string[] = [];
  for (const i of issues.slice(0, max)) {
    const where = [i.file, i.line !== undefined ? String(i.line) : undefined, i.column !== undefined ? String(i.column) : undefined]
      .filter((x) => x !== undefined)
      .join(":");
    lines.push(`✖ ${where ? `${where}: ` : ""}${issueMessage(i)[lang]}`);
    const hint = issueHint(i);
    if (hint) lines.push(`  → ${hint[lang]}`);
  }
  if (issues.length > max) {
    const more = issues.length - max;
    lines.push(lang === "zh" ? `…另有 ${more} 个问题` : `…and ${more} more`);
  }
  return lines.join("\n");
}

export const fileValid = (file: string): Localized => loc(`✔ ${file} is valid.`, `✔ ${file} 有效。`);
export const fileInvalid = (file: string, n: number): Localized =>
  loc(`${file}: ${n} problem${n === 1 ? "" : "s"} found.`, `${file}：发现 ${n} 个问题。`);
