/** Messages about scenario files and other inputs (validation issues). */
import { clip, loc, type Localized, type Lang } from "./lang.js";
import type { Issue, PathSegment } from "../scenario/issues.js";

/** Render a path as people write it in overlays: programmes[2].unitCost.amount */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out === "" ? "(top level)" : out;
}

const KIND_ZH: Readonly<Record<string, string>> = {
  money: "金额",
  count: "计数",
  share: "比例",
  rate: "比率",
  ratio: "倍数",
  real: "实数",
  year: "年份",
};

const PHRASE_ZH: Readonly<Record<string, string>> = {
  "a mapping": "映射",
  "a list": "列表",
  text: "文本",
  "text, or {en: …, zh: …}": "文本，或 {en: …, zh: …}",
  "a number, an expression over named values or a mapping": "数值、基于命名数值的表达式或映射",
  "a number or an expression over named values": "数值或基于命名数值的表达式",
  "a number or a mapping": "数值或映射",
  "text or a mapping": "文本或映射",
  "a number": "数值",
  "a whole number": "整数",
  "true or false": "true 或 false",
  nothing: "空",
  "null (empty value)": "null（空值）",
  "a mapping (fundsim: 1, meta: …, population: …)": "映射（fundsim: 1, meta: …, population: …）",
  "credit pool (creditPools[].id)": "信用资金池（creditPools[].id）",
  "funding source (funding.sources[].id)": "资金来源（funding.sources[].id）",
  "an id: a lower-case letter, then letters, digits, '-' or '_' (e.g. industry-support)": "标识：以小写字母开头，后接字母、数字、'-' 或 '_'（例如 industry-support）",
  "a name: letters, digits and '_' (e.g. wheatPrice)": "名称：字母、数字和 '_'（例如 wheatPrice）",
  "a four-digit year": "四位数年份",
  "at least one year": "至少一个年份",
  "a different form (see `fundsim schema`)": "其他形式（见 `fundsim schema`）",
  // constructs an expression may not use (expressionForbidden)
  "property or index access": "属性或下标访问",
  "a function definition": "函数定义",
  "an assignment (=)": "赋值（=）",
  "an object literal": "对象字面量",
  "a matrix or list": "矩阵或列表",
  "several statements (; or newline)": "多条语句（; 或换行）",
  "a conditional (? :)": "条件表达式（? :）",
  "a range (:)": "范围（:）",
  "a comparison": "比较",
  "a computed function call": "计算得到的函数调用",
  // calibration targets and free parameters (scenario/targets.ts, schema.ts freeParameterSchema)
  "one of sd or sdShare": "sd 或 sdShare 二者之一",
  "a source: or an assumption: saying where the observed value comes from": "source: 或 assumption:，说明观测值从何而来",
  "a source: or an assumption: saying why this range": "source: 或 assumption:，说明为何取此范围",
  "an id: a lower-case letter, then letters, digits, '-' or '_' (e.g. poor2016)": "标识：以小写字母开头，后接字母、数字、'-' 或 '_'（例如 poor2016）",
  "sd: an observed value of 0 needs its sd in units": "sd：观测值为 0 时须以单位给出标准差",
  "at most 8 (the scenario's and the file's together)": "至多 8 个（情景与目标文件合计）",
  "coverage and phaseIn": "同时给出 coverage 和 phaseIn",
  "one of coverage (share of villages by year) or phaseIn (villages from one year to another)": "coverage（逐年覆盖村的比例）与 phaseIn（自某年至某年逐村达标）二者选一",
  "a share of villages at least the year before's (a village reached stays reached)": "不低于上一年的村覆盖比例（已覆盖的村保持覆盖）",
};

const NUMBER_FORMS_ZH: Readonly<Record<string, string>> = {
  "": "",
  " for every year": "（每一年）",
  ": a number, an expression over named values, a mapping {year: value}, or {value, source | assumption}":
    "：数字、基于命名数值的表达式、{年份: 数值} 映射，或 {value, source | assumption}",
  ": a number, an expression over named values, or {value, source | assumption}": "：数字、基于命名数值的表达式，或 {value, source | assumption}",
};

/**
 * The Chinese for an `expected` or `found` phrase of an issue. Issues carry these phrases
 * in English (they are also read by tests and notebooks); the known ones are translated
 * here, in the one place messages are rendered. Anything else (a number, a quoted value,
 * a list of keys) is shown as it is.
 */
export function phraseZh(text: string): string {
  const items = /^(at least|at most) (\d+) items?$/.exec(text);
  if (items) return `${items[1] === "at least" ? "至少" : "至多"} ${items[2]} 项`;
  const fixed = PHRASE_ZH[text];
  if (fixed !== undefined) return fixed;
  const range = /^(a whole number|a number) in \[([^,\]]+), ([^\]]+)\] \((\w+)\)(.*)$/.exec(text);
  if (range) {
    const [, what, lo, hi, kind, rest] = range as unknown as [string, string, string, string, string, string];
    const form = NUMBER_FORMS_ZH[rest];
    if (form !== undefined) return `${lo} 至 ${hi} 之间的${what === "a whole number" ? "整数" : "数值"}（${KIND_ZH[kind] ?? kind}）${form}`;
  }
  const above = /^a number above min \((.+)\)$/.exec(text);
  if (above) return `大于 min（${above[1]}）的数值`;
  const after = /^a year at or after phaseIn\.from \((\d{4})\)$/.exec(text);
  if (after) return `不早于 phaseIn.from（${after[1]}）的年份`;
  const list = /^a list of (\d+)$/.exec(text);
  if (list) return `含 ${list[1]} 项的列表`;
  const map = /^a mapping (\{.*\})$/.exec(text);
  if (map) return `映射 ${map[1]}`;
  const dated = /^(.+) in (\d{4})$/.exec(text);
  if (dated) return `${dated[1]}（${dated[2]} 年）`;
  const fn = /^function (\w+)\(\)$/.exec(text);
  if (fn) return `函数 ${fn[1]}()`;
  const op = /^operator (\S+)$/.exec(text);
  if (op) return `运算符 ${op[1]}`;
  const tooLong = /^more than (\d+) characters or (\d+) terms$/.exec(text);
  if (tooLong) return `超过 ${tooLong[1]} 个字符或 ${tooLong[2]} 项`;
  const overlay = /^(variant|--set) (\S+): (.+)$/.exec(text);
  if (overlay) {
    const [, kind, name, why] = overlay as unknown as [string, string, string, string];
    return `${kind === "variant" ? `方案 ${name}` : `--set ${name}`}：${overlayReasonZh(why)}`;
  }
  return text;
}

function overlayReasonZh(why: string): string {
  let m = /^no item "(.*)" in (.+)$/.exec(why);
  if (m) return `${m[2] === "the list" ? "列表" : m[2]} 中没有 "${m[1]}" 项`;
  m = /^no field "(.*)" under (.+)$/.exec(why);
  if (m) return `${m[2]} 下没有字段 "${m[1]}"`;
  m = /^no field "(.*)"$/.exec(why);
  if (m) return `没有字段 "${m[1]}"`;
  m = /^(.+) is a single value, not a mapping or list$/.exec(why);
  if (m) return `${m[1] === "top level" ? "顶层" : m[1]} 是单个值，不是映射或列表`;
  m = /^"(.*)" is not a scenario field$/.exec(why);
  if (m) return `"${m[1]}" 不是情景字段`;
  return why;
}

/**
 * A YAML syntax error explained in a few words, from the parser's error code (and, for
 * codes that cover several mistakes, its English message, `detail`). A code not known
 * here keeps the parser's own words, so nothing is lost when the parser adds codes.
 *
 * @example
 * yamlSyntax("TAB_AS_INDENT", "Tabs are not allowed as indentation").zh // "用了制表符（Tab）缩进；YAML 只能用空格缩进。"
 */
export function yamlSyntax(code: string | undefined, detail: string): Localized {
  switch (code) {
    case "BAD_INDENT": {
      const close = /end with an? ([\]}])/.exec(detail)?.[1];
      if (close !== undefined) {
        const open = close === "]" ? "[" : "{";
        return loc(
          `a ${open} is not closed: add the closing ${close}, or indent the lines inside it more than its key.`,
          `${open} 没有闭合：请补上 ${close}，或把其中的各行缩进得比键更深。`,
        );
      }
      return loc("bad indentation: the items of one mapping or list must start at the same column.", "缩进错误：同一映射或列表中的各项必须从同一列开始。");
    }
    case "MISSING_CHAR": {
      const quote = /Missing closing (["'])quote/.exec(detail)?.[1];
      if (quote !== undefined) return loc(`a quoted text is not closed: add the closing ${quote}.`, `引号没有闭合：请补上结尾的 ${quote}。`);
      if (/followed by map values/.test(detail)) return loc("a key without a value: write key: value (a colon and a space after the key).", "键后缺少值：请写成“键: 值”（键后加冒号和空格）。");
      if (/^Missing , /.test(detail)) return loc("a comma is missing between the items inside [ ] or { }.", "[ ] 或 { } 中的各项之间缺少逗号。");
      if (/^Missing space after :/.test(detail)) return loc("a space is missing after a colon inside [ ] or { }.", "[ ] 或 { } 中的冒号后缺少空格。");
      if (/^Comments must be separated/.test(detail)) return loc("a # comment needs a space before it.", "# 注释前必须有空格。");
      return loc(`a character is missing (${detail}).`, `缺少字符（${detail}）。`);
    }
    case "TAB_AS_INDENT":
      return loc("a tab is used for indentation; indent with spaces only.", "用了制表符（Tab）缩进；YAML 只能用空格缩进。");
    case "DUPLICATE_KEY":
      return loc("a key appears twice in the same mapping.", "同一映射中有重复的键。");
    case "UNEXPECTED_TOKEN":
      return loc("something unexpected here: check the brackets, commas and indentation on this line.", "此处有意外的内容：请检查本行的括号、逗号和缩进。");
    case "BLOCK_AS_IMPLICIT_KEY":
      return loc(
        "a mapping where a single value is expected: check that this line is not indented more than the keys above it, and quote a value that contains \": \".",
        "此处应为单个值，却出现了映射：请检查本行是否比上面的键缩进更多；含有“: ”的值请加引号。",
      );
    case "MULTILINE_IMPLICIT_KEY":
      return loc("a key runs over more than one line: a key needs a colon and a space after it on its own line (check the colon and the indentation).", "键跨了多行：键后须在同一行紧跟冒号和空格（请检查冒号和缩进）。");
    case "BLOCK_IN_FLOW":
      return loc("an indented list or mapping inside [ ] or { }: write it on one line, or drop the brackets.", "[ ] 或 { } 中不能使用缩进形式的列表或映射：请写在一行内，或去掉括号。");
    case "BAD_SCALAR_START": {
      const ch = /cannot start with (?:reserved character )?(.+)$/.exec(detail)?.[1] ?? "";
      return loc(`a value cannot start with ${ch}: put the value in quotes.`, `值不能以 ${ch} 开头：请给值加引号。`);
    }
    case "BAD_DQ_ESCAPE": {
      const seq = /sequence (.+)$/.exec(detail)?.[1] ?? "";
      return loc(`${seq} is not a valid escape inside double quotes: use single quotes, or write \\\\ for a backslash.`, `双引号中的 ${seq} 不是有效的转义：请改用单引号，或用 \\\\ 表示反斜杠。`);
    }
    case "MULTIPLE_DOCS":
      return loc("the file holds more than one document (a --- line); a scenario is one document.", "文件包含多个文档（有 --- 行）；一个情景只能是一个文档。");
    case "NON_STRING_KEY":
      return loc("a key must be plain text, not a list or mapping.", "键必须是文本，不能是列表或映射。");
    case "KEY_OVER_1024_CHARS":
      return loc("a key is longer than 1024 characters (is a colon missing?).", "键超过 1024 个字符（是否缺少冒号？）。");
    case "TAG_RESOLVE_FAILED":
      return loc("an unknown YAML tag (!…): remove it.", "未知的 YAML 标签（!…）：请删除。");
    case "UNRESOLVED_ALIAS": {
      const name = /: (\S+)$/.exec(detail)?.[1] ?? "";
      return loc(`the alias *${name} refers to no anchor &${name} set before it.`, `别名 *${name} 之前没有对应的锚点 &${name}。`);
    }
    case "RESOURCE_EXHAUSTION":
      return loc("too many aliases (*name): the document would grow too large.", "别名（*名称）过多：文档展开后过大。");
    default:
      return loc(detail, detail);
  }
}

/** The one-line statement of an issue (of a variant's overlaid scenario: prefixed by the variant). */
export function issueMessage(i: Issue): Localized {
  if (i.variant === undefined) return fieldMessage(i, i.path);
  const m = fieldMessage(i, i.fieldPath ?? i.path);
  return loc(`Variant ${i.variant}: ${m.en}`, `方案 ${i.variant}：${m.zh}`);
}

function fieldMessage(i: Issue, path: Issue["path"]): Localized {
  const at = formatPath(path);
  const exp = i.expected ?? "";
  const found = clip(i.found ?? "");
  const zh = { at: at === "(top level)" ? "（顶层）" : at, exp: phraseZh(exp), found: phraseZh(found) };
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
    case "syntax": {
      const why = yamlSyntax(i.parserCode, i.detail ?? "");
      return loc(`Syntax error: ${why.en}`, `语法错误：${why.zh}`);
    }
    case "tooDeep":
      return loc(`Lists and mappings are nested more than ${exp} levels deep here; the limit is ${exp}.`, `此处列表和映射嵌套超过 ${exp} 层；上限为 ${exp} 层。`);
    case "unsupportedTag":
      return loc(`The YAML tag ${found} is not supported in scenario files.`, `情景文件不支持 YAML 标签 ${found}。`);
    case "duplicateKey":
      return loc(`Key "${found}" appears twice in the same mapping.`, `同一映射中键 "${found}" 出现了两次。`);
    case "notMapping":
      return loc(`Expected ${exp}, found ${found}.`, `应为${zh.exp}，实际为${zh.found}。`);
    case "invalidType":
      return loc(`At ${at}: expected ${exp}, found ${found}.`, `字段 ${zh.at}：应为 ${zh.exp}，实际为 ${zh.found}。`);
    case "notFinite":
      return loc(`At ${at}: expected a finite number, found ${found}.`, `字段 ${zh.at}：应为有限数值，实际为 ${found}。`);
    case "unsafeNumber":
      return loc(`At ${at}: ${found} is beyond the range of exact numbers (±9,007,199,254,740,991).`, `字段 ${zh.at}：${found} 超出可精确表示的数值范围（±9,007,199,254,740,991）。`);
    case "invalidValue":
      return loc(`At ${at}: expected ${exp}, found ${found}.`, `字段 ${zh.at}：应为 ${zh.exp}，实际为 ${zh.found}。`);
    case "outOfRange":
      return loc(`At ${at}: expected ${exp}, found ${found}.`, `字段 ${zh.at}：应为 ${zh.exp}，实际为 ${zh.found}。`);
    case "unknownKey":
      return loc(`At ${at}: unknown key "${found}".`, `字段 ${zh.at}：未知的键 "${found}"。`);
    case "badKey":
      return loc(`At ${at}: "${found}" cannot be a key here; a key must be ${exp}.`, `字段 ${zh.at}：此处不能用 "${found}" 作键；键应为${zh.exp}。`);
    case "missingKey":
      return loc(`At ${at}: required field is missing (expected ${exp}).`, `字段 ${zh.at}：缺少必填项（应为 ${zh.exp}）。`);
    case "invalidChoice":
      return loc(`At ${at}: expected one of ${exp}, found ${found}.`, `字段 ${zh.at}：应为 ${zh.exp} 之一，实际为 ${zh.found}。`);
    case "duplicateId":
      return loc(`At ${at}: id "${found}" is used twice.`, `字段 ${zh.at}：标识 "${found}" 重复使用。`);
    case "yearOutsideHorizon":
      return loc(`At ${at}: year ${found} is outside the horizon ${exp}.`, `字段 ${zh.at}：年份 ${found} 不在模拟期 ${exp} 之内。`);
    case "badHorizon":
      return loc(`At ${at}: the horizon must end at or after its start (${found}).`, `字段 ${zh.at}：模拟期结束年份不得早于开始年份（${found}）。`);
    case "horizonTooLong":
      return loc(
        `At ${at}: the horizon ${found} is ${i.detail ?? ""} years; at most ${exp} years (both ends included) can be simulated.`,
        `字段 ${zh.at}：模拟期 ${found} 共 ${i.detail ?? ""} 年；最多可模拟 ${exp} 年（含首尾两年）。`,
      );
    case "loanAboveLending":
      return loc(
        `At ${at}: one loan of ${found} yuan is more than the ${exp} yuan of new lending planned in ${i.detail ?? ""}, so no loan can be made that year (and no interest subsidy is due on it).`,
        `字段 ${zh.at}：单笔贷款 ${found} 元超过 ${i.detail ?? ""} 年计划新增贷款 ${exp} 元，当年无法发放任何贷款（也不应列支贴息）。`,
      );
    case "tooManyLoans":
      return loc(
        `At ${at}: the lending planned in ${i.detail ?? ""} makes ${found} loans of this size; at most ${exp} new loans a year.`,
        `字段 ${zh.at}：${i.detail ?? ""} 年的计划贷款按此贷款额相当于 ${found} 笔；每年新增贷款至多 ${exp} 笔。`,
      );
    case "unknownReference":
      return loc(`At ${at}: "${found}" does not name any ${exp}.`, `字段 ${zh.at}："${found}" 不是任何${zh.exp}的标识。`);
    case "expressionSyntax":
      return loc(`At ${at}: the expression ${found} has a syntax error: ${i.detail ?? ""}.`, `字段 ${zh.at}：表达式 ${found} 有语法错误：${i.detail ?? ""}。`);
    case "expressionForbidden":
      return loc(`At ${at}: the expression ${found} uses ${i.detail ?? "a forbidden construct"}, which is not allowed in scenario files.`, `字段 ${zh.at}：表达式 ${found} 使用了 ${i.detail !== undefined ? phraseZh(i.detail) : "禁止的结构"}，情景文件中不允许。`);
    case "expressionUnknownName":
      return loc(`At ${at}: the expression ${found} uses the name "${i.detail ?? ""}", which is not defined under values:.`, `字段 ${zh.at}：表达式 ${found} 使用了未在 values: 中定义的名称 "${i.detail ?? ""}"。`);
    case "missingValues":
      return loc(
        `There is no values: section, but ${i.detail ?? ""} expressions use names from it: ${found}.`,
        `缺少 values: 部分，但有 ${i.detail ?? ""} 个表达式使用其中的名称：${found}。`,
      );
    case "expressionCycle":
      return loc(`At ${at}: named values refer to each other in a cycle: ${i.detail ?? ""}.`, `字段 ${zh.at}：命名数值之间存在循环引用：${i.detail ?? ""}。`);
    case "expressionNotFinite":
      return loc(`At ${at}: the expression ${found} does not give a finite number (division by zero?).`, `字段 ${zh.at}：表达式 ${found} 的结果不是有限数值（是否除以零？）。`);
    case "expressionDomain":
      return loc(
        `At ${at}: the expression ${found} has no real value (at ${i.detail ?? ""}): a square root or logarithm of a negative number, or a fractional power of one.`,
        `字段 ${zh.at}：表达式 ${found} 没有实数值（在 ${i.detail ?? ""} 处）：对负数开平方、取对数或求分数次幂。`,
      );
    case "peopleBelowHouseholds":
      return loc(`At ${at}: ${found} people is fewer than ${exp} households.`, `字段 ${zh.at}：人数 ${found} 少于户数 ${exp}。`);
    case "sharesAboveOne":
      return loc(`At ${at}: shares add up to ${found}, more than 1.`, `字段 ${zh.at}：各项比例之和为 ${found}，超过 1。`);
    case "villageEffectMisplaced":
      return i.detail === "kind"
        ? loc(`At ${at}: a ${found} programme cannot have a village effect (its mechanism is its own).`, `字段 ${zh.at}：${found} 类项目不能有村级效果（其作用机制另有规定）。`)
        : i.detail === "unit"
          ? loc(
              `At ${at}: a village effect needs the programme's unit cost per village (unitCost.per: village), so that its money says how many villages it serves; found ${found === "" ? "no unit cost" : `per ${found}`}.`,
              `字段 ${zh.at}：村级效果需要按村计的单位成本（unitCost.per: village），资金才能换算为覆盖的村数；实际为${found === "" ? "无单位成本" : ` per ${found}`}。`,
            )
          : loc(`At ${at}: a programme has either a village effect or a household effect, not both.`, `字段 ${zh.at}：一个项目只能有村级效果或农户效果之一，不能兼有。`);
    case "coverNotApplicable":
      return loc(
        `At ${at}: cover applies to health programmes (illness losses) and agricultural insurance (disaster losses); this programme is of kind "${found}".`,
        `字段 ${zh.at}：cover 只适用于健康类项目（疾病损失）和农业保险（灾害损失）；该项目的类型为 "${found}"。`,
      );
    case "effectCannotApply":
      if (i.detail === "cash") {
        return loc(
          `At ${at}: cash is paid per household, person or student served, in the year served; ${found === "recurring" ? "this programme's unit cost recurs over several years" : found === "" ? "this programme has no unit cost" : `this programme's unit cost is per ${found}`}.`,
          `字段 ${zh.at}：现金按受益的户、人或学生在受益当年发放；${found === "recurring" ? "该项目的单位成本跨多年重复支付" : found === "" ? "该项目没有单位成本" : `该项目的单位成本按 ${found} 计`}。`,
        );
      }
      return loc(
        `At ${at}: this household effect cannot apply, so it would be dropped: ${found.startsWith("kind ") ? `a ${found.slice(5)} programme serves no households with an effect` : `households served are counted by a unit cost per household, person or student, and this programme's is ${found === "" ? "missing" : `per ${found}`}`}.`,
        `字段 ${zh.at}：该农户效果无法生效，将被忽略：${found.startsWith("kind ") ? `${found.slice(5)} 类项目不按农户施加效果` : `受益农户数由按户、按人或按学生计的单位成本换算，而该项目${found === "" ? "没有单位成本" : `的单位成本按 ${found} 计`}`}。`,
      );
    case "floorStandardNotFloor":
      return loc(
        `At ${at}: a floor's standard, phase-in, coverage and reach apply to floor programmes only; this programme is of kind "${found}".`,
        `字段 ${zh.at}：兜底标准、逐步达标（phaseIn）、覆盖比例（coverage）和对象范围（reach）只适用于 floor（兜底）类项目；该项目的类型为 "${found}"。`,
      );
    case "floorsOverlap":
      return loc(
        `At ${at}: floor "${found}" serves a segment that floor "${exp}" serves too, with a different phase-in, coverage or reach. fundsim models one floor per segment (the highest standard of the floors serving it); two floors that reach different households or villages in the same segment would merge and one would be lost.`,
        `字段 ${zh.at}：兜底项目“${found}”与兜底项目“${exp}”覆盖同一类对象（segment），但逐步达标（phaseIn）、覆盖比例（coverage）或对象范围（reach）不同。fundsim 每类对象只建模一个兜底（取覆盖它的各兜底中的最高标准）；覆盖不同农户或村的两个兜底会被合并，其中一个将丢失。`,
      );
    case "transitoryAboveSpread":
      return loc(
        `At ${at}: the transitory shock's sigma ${found} is larger than the spread of cohort ${i.detail ?? ""}'s starting incomes (lognormal sigma ${exp}), which already includes it.`,
        `字段 ${zh.at}：暂时性冲击的 sigma ${found} 大于队列 ${i.detail ?? ""} 初始收入的离散程度（对数正态 sigma ${exp}），而后者已包含暂时性冲击。`,
      );
    case "notAnUnknown":
      return loc(
        `At ${at}: ${found} is not a value that can be drawn per run${i.detail === "noEffect" ? " (that programme or pool has no effect)" : i.detail === "notUnknown" || i.detail === undefined || i.detail === "" ? "" : ` (its uplift's distribution has ${i.detail})`}. Values that can: ${exp}.`,
        `字段 ${zh.at}：${found} 不是可按运行抽取的参数${i.detail === "noEffect" ? "（该项目或资金池没有效果设定）" : i.detail === "notUnknown" || i.detail === undefined || i.detail === "" ? "" : `（其增收分布的中心字段为 ${i.detail}）`}。可抽取的参数：${exp}。`,
      );
    case "unknownRange":
      return loc(
        `At ${at}: draws for ${i.detail ?? ""} fall in ${found}, outside the values it can take, ${exp}.`,
        `字段 ${zh.at}：${i.detail ?? ""} 的抽样范围为 ${found}，超出其可取值范围 ${exp}。`,
      );
    case "unknownDated":
      return loc(
        `At ${at}: ${found} is given year by year; one draw per run cannot replace a yearly path.`,
        `字段 ${zh.at}：${found} 是按年给出的；每次运行的一个抽样值无法替代逐年的数值。`,
      );
    case "duplicateUnknown":
      return loc(`At ${at}: ${found} is already drawn by an earlier entry of unknowns.`, `字段 ${zh.at}：${found} 已在 unknowns 的前面条目中抽取。`);
    case "workbookLayout": {
      const d = i.detail ?? "";
      return d === "notXlsx"
        ? loc(`This is not an Excel workbook (.xlsx) fundsim can read (${found}).`, `这不是 fundsim 能读取的 Excel 工作簿（.xlsx）（${zh.found}）。`)
        : d === "noSheet"
          ? loc("The workbook has no sheet.", "工作簿中没有工作表。")
          : d === "noHeader"
            ? loc(`Sheet ${found} has no header row starting with "id".`, `工作表 ${zh.found} 中没有以 “id” 开头的表头行。`)
            : d === "noYears"
              ? loc(`The header row (${found}) has no year columns (2017, 2018, …).`, `表头行（${zh.found}）中没有年份列（2017、2018……）。`)
              : loc(`Sheet ${found} lists no programme under its header row.`, `工作表 ${zh.found} 的表头行下没有列出任何项目。`);
    }
    case "workbookCell":
      return loc(`Cell ${i.detail ?? ""}: expected ${exp}, found "${found}".`, `单元格 ${i.detail ?? ""}：应为${exp === "a programme id (letters, digits, - and _)" ? "项目标识（字母、数字、- 和 _）" : `金额（元，≥ 0 的数字）`}，实际为 “${zh.found}”。`);
    case "overlayPath":
      return loc(`Overlay path ${i.detail ?? at} does not exist in the scenario (${found}).`, `覆盖路径 ${i.detail ?? at} 在情景中不存在（${zh.found}）。`);
    case "unknownVariant":
      return loc(`No variant named "${found}". Variants in this file: ${exp}.`, `没有名为 "${found}" 的方案。本文件中的方案：${exp === "(none)" ? "（无）" : exp}。`);
    case "badSet":
      return loc(`--set ${found}: expected path=value.`, `--set ${found}：格式应为 路径=数值。`);
    case "registerRow":
      return loc(`${i.detail ?? ""}: expected ${exp}, found ${found}.`, `${i.detail ?? ""}：应为 ${exp}，实际为 ${found}。`);
    case "targetMetric":
      return loc(`At ${at}: the scenario's runs have no metric ${found}.`, `字段 ${zh.at}：情景的模拟结果中没有指标 ${found}。`);
    case "targetYear":
      return loc(`At ${at}: year ${found} is outside the scenario's horizon ${exp}.`, `字段 ${zh.at}：年份 ${found} 不在情景的模拟期 ${exp} 之内。`);
    case "noFittedTarget":
      return loc(`At ${at}: every target is use: check, so there is nothing to fit.`, `字段 ${zh.at}：所有目标均为 use: check，没有可用于拟合的目标。`);
    case "noFreeParameter":
      return loc(`At ${at}: nothing to fit — neither the scenario (calibration.free) nor the targets file (free) lists a free parameter.`, `字段 ${zh.at}：没有可拟合的参数——情景（calibration.free）和目标文件（free）都未列出自由参数。`);
    default:
      return i.code satisfies never;
  }
}

/** The choice a quoted value would be without its quotes (`fundsim: "1"` where 1 is expected), if that is the problem. */
function quotedChoice(i: Issue): string | undefined {
  if (i.code !== "invalidChoice" || i.found === undefined || !/^"[-+0-9.]+"$/.test(i.found)) return undefined;
  const bare = i.found.slice(1, -1);
  return (i.expected ?? "").split(" | ").includes(bare) ? bare : undefined;
}

/** How to fix it, where there is something useful to say. */
export function issueHint(i: Issue): Localized | undefined {
  if (i.suggestion !== undefined) return loc(`Did you mean "${i.suggestion}"?`, `是否应为 "${i.suggestion}"？`);
  const quoted = quotedChoice(i);
  if (quoted !== undefined) return loc(`Remove the quotes: write ${quoted}, a number, not the text "${quoted}".`, `请去掉引号：写成数字 ${quoted}，而不是文本 "${quoted}"。`);
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
    case "tooDeep":
      return loc("A scenario needs only a few levels; check for unclosed [ or { brackets.", "情景文件只需要几层嵌套；请检查是否有未闭合的 [ 或 {。");
    case "unsupportedTag":
      return loc("Remove the tag: write numbers, text, true/false, lists and mappings plainly (dates as text, e.g. \"2017-06-30\").", "请删除该标签：数字、文本、true/false、列表和映射直接书写即可（日期写成文本，例如 \"2017-06-30\"）。");
    case "notFinite":
      return loc("Write a number (NaN, .inf and Infinity are not amounts).", "请填写具体数值（NaN、.inf、Infinity 不是金额）。");
    case "outOfRange":
      // The bound itself is in the message; the hint is about how shares and money are written, where that is the field's kind.
      if (/\((share|money)\)/.test(i.expected ?? "")) return loc("Shares are written as fractions (0.2 for 20%); money in yuan, not negative.", "比例以小数表示（20% 写作 0.2）；金额以元为单位，不得为负。");
      return undefined;
    case "yearOutsideHorizon":
      return loc("Extend meta.years or drop that year.", "请扩展 meta.years 或删除该年份。");
    case "horizonTooLong":
      return loc(`Shorten meta.years: end it at most ${i.expected ?? ""} − 1 years after its start.`, `请缩短 meta.years：结束年份不得晚于开始年份后 ${i.expected ?? ""} − 1 年。`);
    case "loanAboveLending":
      return loc("Lower loan.size, or plan at least one loan's worth of lending in that year.", "请降低 loan.size，或使当年计划贷款至少够发放一笔。");
    case "tooManyLoans":
      return loc("Check loan.size (yuan per loan) and plannedLending (yuan a year).", "请检查 loan.size（每笔贷款金额，元）和 plannedLending（每年贷款金额，元）。");
    case "expressionForbidden":
      return loc("Expressions may use numbers, names under values:, + - * / ^ % ( ) and min, max, round, floor, ceil, abs, sqrt, exp, log.", "表达式只能使用数字、values: 中的名称、+ - * / ^ % ( ) 以及 min、max、round、floor、ceil、abs、sqrt、exp、log。");
    case "expressionUnknownName":
      return loc("Define it under values: (e.g. values: {wheatPrice: 2.3}).", "请在 values: 中定义（例如 values: {wheatPrice: 2.3}）。");
    case "missingValues":
      return loc("Add a values: section defining each name (e.g. values: {wheatPrice: 2.3}).", "请添加 values: 部分并定义每个名称（例如 values: {wheatPrice: 2.3}）。");
    case "expressionCycle":
      return loc("Make one of the values a number.", "请将其中一个数值改为具体数字。");
    case "expressionDomain":
      return loc("Check the sign of the value inside sqrt(), log() or under a fractional power (e.g. abs(x) or max(x, 0)).", "请检查 sqrt()、log() 或分数次幂中数值的符号（例如改用 abs(x) 或 max(x, 0)）。");
    case "floorStandardNotFloor":
      return loc(`Remove ${String(i.path[i.path.length - 1])} from this programme, or give it kind: floor.`, `请删除该项目的 ${String(i.path[i.path.length - 1])}，或将其 kind 设为 floor。`);
    case "floorsOverlap":
      return loc(
        "Give the two floors segments that do not overlap (eligibility.segments), or the same phaseIn, coverage and reach.",
        "请让两个兜底项目覆盖互不重叠的对象类别（eligibility.segments），或使用相同的 phaseIn、coverage 和 reach。",
      );
    case "villageEffectMisplaced":
      return i.detail === "unit"
        ? loc("Add unitCost: {amount: <yuan per village>, per: village} (the allocation ÷ it is the villages served each year).", "请添加 unitCost: {amount: <每村元数>, per: village}（每年覆盖村数 = 资金 ÷ 每村成本）。")
        : i.detail === "effect"
          ? loc("Keep villageEffect and remove effect, or split the line into a village programme and a household programme.", "请保留 villageEffect 并删除 effect，或将该项目拆分为村级项目和农户项目。")
          : loc("Remove villageEffect, or model the village investment as its own programme (kind infrastructure).", "请删除 villageEffect，或将村级投资单列为一个项目（kind: infrastructure）。");
    case "coverNotApplicable":
      return loc("Remove cover, or give the programme kind health or insurance.", "请删除 cover，或将项目类型设为 health 或 insurance。");
    case "effectCannotApply":
      if (i.detail === "cash") {
        return loc(
          "Give a unit cost per household, person or student without recurringYears (enrolment: yearly pays it every year), or use delivery: project.",
          "请给出按户、按人或按学生计、不含 recurringYears 的单位成本（enrolment: yearly 可每年发放），或使用 delivery: project。",
        );
      }
      return loc(
        "Give a unit cost per household, person or student (unitCost: {amount, per: household}); for a village investment use villageEffect with a unit cost per village; or say why the line has no effect: effect: {none: \"…\"}.",
        "请给出按户、按人或按学生计的单位成本（unitCost: {amount, per: household}）；村级投资请使用 villageEffect 并按村计单位成本；或说明该项目为何没有效果：effect: {none: \"…\"}。",
      );
    case "transitoryAboveSpread":
      return loc(
        `Lower income.transitory.sigma to at most ${i.expected ?? ""}, or raise the cohort's income sigma: observed log incomes vary at least as much as their transitory part.`,
        `请将 income.transitory.sigma 降至不超过 ${i.expected ?? ""}，或提高该队列收入的 sigma：观测到的对数收入的离散程度不会小于其暂时性部分。`,
      );
    case "notAnUnknown":
      return loc("Name one of the values listed, with the programme's or pool's id, e.g. programmes.industry.effect.successProbability.", "请填写上列参数之一，并写明项目或资金池的标识，例如 programmes.industry.effect.successProbability。");
    case "unknownRange":
      return loc(
        "Use a distribution that stays in that range: beta or uniform for a probability, lognormal for a factor, a normal only where the range is wide.",
        "请使用取值不超出该范围的分布：概率用 beta 或 uniform，倍数用 lognormal，只有范围足够宽时才用 normal。",
      );
    case "unknownDated":
      return loc("Give the value as one number (undated) to make it uncertain, or leave it out of unknowns.", "若要将其设为不确定参数，请以单个数值（不分年份）给出，或将其从 unknowns 中删除。");
    case "duplicateUnknown":
      return loc("Keep one entry per value: merge the two distributions into one.", "每个参数只保留一个条目：请将两个分布合并为一个。");
    case "workbookLayout":
      return loc(
        "Start from the workbook fundsim template-xlsx writes: a header row id, label, then one column per year; one programme per row.",
        "请从 fundsim template-xlsx 生成的工作簿开始：表头为 id、名称，然后每年一列；每行一个项目。",
      );
    case "workbookCell":
      return loc("Type the amount in yuan as a plain number (e.g. 1200000), or leave the cell empty for 0.", "请以纯数字填写金额（元），如 1200000；留空表示 0。");
    case "overlayPath":
      return loc("Paths are dotted field names; list items are addressed by id, e.g. programmes.industry.allocation.", "路径由点分隔的字段名组成；列表项用标识表示，例如 programmes.industry.allocation。");
    case "targetMetric":
      return loc(`Metrics are the columns of runs.csv: ${i.expected ?? ""}, and per programme spend:<id>, served:<id>.`, `指标即 runs.csv 的列：${i.expected ?? ""}，以及各项目的 spend:<id>、served:<id>。`);
    case "targetYear":
      return loc("Give a year of the scenario's meta.years, or extend the scenario's horizon.", "请使用情景 meta.years 范围内的年份，或延长情景的模拟期。");
    case "noFittedTarget":
      return loc("Mark at least one target use: fit (the default).", "请至少将一个目标设为 use: fit（默认值）。");
    case "noFreeParameter":
      return loc("List the parameters to fit, each with min, max and why: free: [{parameter: income.growth, min: 0, max: 0.2, assumption: …}].", "请列出要拟合的参数及其 min、max 和理由：free: [{parameter: income.growth, min: 0, max: 0.2, assumption: …}]。");
    case "badSet":
      return loc("Example: --set creditPools.pool.leverage=8", "示例：--set creditPools.pool.leverage=8");
    case "unknownKey":
      return loc("Remove it, or check the spelling against the JSON Schema (fundsim schema).", "请删除该键，或对照 JSON Schema（fundsim schema）检查拼写。");
    default:
      return undefined;
  }
}

/** Issues listed by default; the rest are counted (--all-issues lists them all). */
export const MAX_SHOWN_ISSUES = 10;

/** The line after a shortened list of issues. */
export const moreIssues = (n: number): Localized =>
  loc(`… and ${n} more (use --all-issues to see all)`, `……另有 ${n} 个问题（使用 --all-issues 查看全部）`);

/** The text of a list of issues: the first `max` (one screen by default), then a count of the rest. */
export function renderIssues(lang: Lang, issues: readonly Issue[], max = MAX_SHOWN_ISSUES): string {
  const lines: string[] = [];
  for (const i of issues.slice(0, max)) {
    const where = [i.file, i.line !== undefined ? String(i.line) : undefined, i.column !== undefined ? String(i.column) : undefined]
      .filter((x) => x !== undefined)
      .join(":");
    lines.push(`✖ ${where ? `${where}: ` : ""}${issueMessage(i)[lang]}`);
    const hint = issueHint(i);
    if (hint) lines.push(`  → ${hint[lang]}`);
  }
  if (issues.length > max) lines.push(moreIssues(issues.length - max)[lang]);
  return lines.join("\n");
}

export const fileValid = (file: string): Localized => loc(`✔ ${file} is valid.`, `✔ ${file} 有效。`);
export const fileInvalid = (file: string, n: number): Localized =>
  loc(`${file}: ${n} problem${n === 1 ? "" : "s"} found.`, `${file}：发现 ${n} 个问题。`);
