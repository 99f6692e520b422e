/** Messages of the population stage: household register import. */
import type { RegisterIssue } from "../population/registerIssues.js";
import type { PopulationIssue } from "../population/cohorts.js";
import { clip, loc, type Localized } from "./lang.js";

const q = (s: string | undefined): string => JSON.stringify(clip(s ?? ""));
const list = (xs: readonly string[] | undefined, max = 14): string => {
  const a = xs ?? [];
  return a.length > max ? `${a.slice(0, max).join(", ")}, …` : a.join(", ");
};
/** A suggestion worth making: not the value already written. */
const suggested = (i: RegisterIssue): boolean => i.suggestion !== undefined && i.suggestion !== i.found;
const hintEn = (i: RegisterIssue): string => (suggested(i) ? ` Did you mean ${q(i.suggestion)}?` : "");
const hintZh = (i: RegisterIssue): string => (suggested(i) ? `是否应为 ${q(i.suggestion)}？` : "");

/** Where an issue is: `file:line, column size`, or `file, lines 3, 4, 7 … (20 lines), column size`. */
function where(i: RegisterIssue): Localized {
  if (i.lines !== undefined && i.lineCount !== undefined && i.lineCount > 1) {
    const more = i.lineCount > i.lines.length ? " …" : "";
    return loc(
      `${clip(i.file)}, lines ${i.lines.join(", ")}${more} (${i.lineCount} lines)${i.column ? `, column ${i.column}` : ""}`,
      `${clip(i.file)} 第 ${i.lines.join("、")}${more} 行（共 ${i.lineCount} 行）${i.column ? `，${i.column} 列` : ""}`,
    );
  }
  const line = i.line > 0 ? `:${i.line}` : "";
  return loc(
    `${i.file}${line}${i.column ? `, column ${i.column}` : ""}`,
    `${i.file}${i.line > 0 ? ` 第 ${i.line} 行` : ""}${i.column ? `，${i.column} 列` : ""}`,
  );
}

/** One register issue as text: place, what was expected, what was found, how to fix. */
export function registerIssue(i: RegisterIssue): Localized {
  const w = where(i);
  const m = ((): Localized => {
    switch (i.code) {
      case "missingFile":
        return loc("the file does not exist. Check the path given to --register.", "文件不存在。请检查 --register 的路径。");
      case "notAFile":
        return loc("expected a CSV or .xlsx file, found a directory (or other non-file).", "应为 CSV 或 .xlsx 文件，实际是目录（或其他非文件）。");
      case "unreadable":
        return loc(`the file could not be read (${i.found ?? "error"}).`, `无法读取文件（${i.found ?? "错误"}）。`);
      case "emptyFile":
        return loc(
          "the file is empty; expected a header line (id,village,size,income,labour,segment,…) and one row per household.",
          "文件为空；应有表头（id,village,size,income,labour,segment,…）和每户一行数据。",
        );
      case "notText":
        if (i.found === "xlsx")
          return loc(
            "expected an Excel workbook (.xlsx) with the register on its first sheet, found a file that cannot be read as one. Open it in Excel and save it as .xlsx, or save the register as CSV.",
            "应为 Excel 工作簿（.xlsx，第一个工作表为户册），实际文件无法按工作簿读取。请用 Excel 打开后另存为 .xlsx，或另存为 CSV。",
          );
        if (i.found === "NUL")
          return loc(
            "expected text, found NUL bytes (a binary file, or UTF-16 text). Save the file as CSV UTF-8 (or Excel's CSV).",
            "应为文本，实际含有 NUL 字节（二进制文件或 UTF-16 文本）。请另存为“CSV UTF-8”（或 Excel 的 CSV）。",
          );
        if (i.found === "gb18030")
          return loc(
            "expected GB18030/GBK text, found bytes that are not (a binary file, or another encoding). Save the file as CSV UTF-8.",
            "应为 GB18030/GBK 文本，实际含有无法解码的字节（二进制文件或其他编码）。请另存为“CSV UTF-8”。",
          );
        return loc(
          "expected UTF-8 or GB18030/GBK text, found bytes that are neither (a binary file, or another encoding). Save the file as CSV UTF-8.",
          "应为 UTF-8 或 GB18030/GBK 文本，实际含有两者都无法解码的字节（二进制文件或其他编码）。请另存为“CSV UTF-8”。",
        );
      case "unterminatedQuote":
        return loc("a quoted field starting on this line is never closed; add the closing \".", "从此行开始的引号字段没有闭合；请补上结尾的 \"。");
      case "missingColumn":
        return loc(`the header has no column ${q(i.column)}; it is required.`, `表头缺少必需的列 ${q(i.column)}。`);
      case "unknownColumn":
        return loc(
          `unknown column ${q(i.found)}; expected one of ${list(i.allowed)}.${hintEn(i)}`,
          `未知的列 ${q(i.found)}；应为以下之一：${list(i.allowed)}。${hintZh(i)}`,
        );
      case "duplicateColumn":
        return loc(`column ${q(i.column)} appears twice in the header (as ${q(i.found)}).`, `表头中 ${q(i.column)} 列出现两次（${q(i.found)}）。`);
      case "fieldCount":
        return loc(
          `expected ${i.count ?? "?"} fields (as in the header), found ${i.found ?? "?"}. Quote values that contain commas.`,
          `应有 ${i.count ?? "?"} 个字段（与表头一致），实际 ${i.found ?? "?"} 个。含逗号的值请加引号。`,
        );
      case "emptyValue":
        return loc("expected a value, found an empty field.", "应有值，实际为空。");
      case "notNumber":
        return loc(
          `expected a number (yuan, digits without thousands separators), found ${q(i.found)}.`,
          `应为数字（元，不带千位分隔符），实际为 ${q(i.found)}。`,
        );
      case "notInteger":
        return loc(
          `expected a whole number${range(i)}, found ${q(i.found)}.`,
          `应为整数${rangeZh(i)}，实际为 ${q(i.found)}。`,
        );
      case "outOfRange":
        return loc(`expected a number${range(i)}, found ${q(i.found)}.`, `应为${rangeZh(i) || "范围内的数"}，实际为 ${q(i.found)}。`);
      case "unknownValue":
        return loc(
          `expected one of ${list(i.allowed)}; found ${q(i.found)}.${hintEn(i)}`,
          `应为以下之一：${list(i.allowed)}；实际为 ${q(i.found)}。${hintZh(i)}`,
        );
      case "duplicateId":
        return loc(
          `household id ${q(i.found)} already appears on line ${i.count ?? "?"}; ids must be unique.`,
          `户号 ${q(i.found)} 已在第 ${i.count ?? "?"} 行出现；户号必须唯一。`,
        );
      case "tooLarge":
        return loc(`more than ${i.count ?? "?"} households; split the register.`, `超过 ${i.count ?? "?"} 户；请拆分名册。`);
      case "noRows":
        return loc("the file has a header but no households.", "文件只有表头，没有农户数据。");
      case "more":
        return loc(`…and ${i.count ?? 0} more problems.`, `……另有 ${i.count ?? 0} 处问题。`);
      default:
        return i.code satisfies never;
    }
  })();
  if (i.code === "more") return m;
  return loc(`${w.en}: ${m.en}`, `${w.zh}：${m.zh}`);
}

function range(i: RegisterIssue): string {
  if (i.min !== undefined && i.max !== undefined) return ` from ${i.min} to ${i.max}`;
  if (i.min !== undefined) return ` ≥ ${i.min}`;
  if (i.max !== undefined) return ` ≤ ${i.max}`;
  return "";
}
function rangeZh(i: RegisterIssue): string {
  if (i.min !== undefined && i.max !== undefined) return `（${i.min} 至 ${i.max}）`;
  if (i.min !== undefined) return `（≥ ${i.min}）`;
  if (i.max !== undefined) return `（≤ ${i.max}）`;
  return "";
}

/** Heading printed above the list of register issues. */
export const registerRejected = (file: string, problems: number): Localized =>
  loc(
    `The household register ${file} was not loaded (${problems} problem${problems === 1 ? "" : "s"}); fix the rows below and run again:`,
    `农户名册 ${file} 未载入（${problems} 处问题）；请修正以下各行后重新运行：`,
  );

/** A problem building the synthetic population from the scenario's cohorts. */
export function populationIssue(i: PopulationIssue): Localized {
  const c = i.cohort ? `population.cohorts[${i.cohort}]` : "population";
  switch (i.code) {
    case "tooManyPeople":
      return loc(
        `${c}: ${i.found} people cannot fit in the households (at most 255 per household, so at most ${i.limit}). Check households and people.`,
        `${c}：${i.found} 人超出户数所能容纳（每户最多 255 人，即最多 ${i.limit} 人）。请检查户数和人数。`,
      );
    case "tooFewPeople":
      return loc(
        `${c}: ${i.found} people for ${i.limit} households; every household has at least one person.`,
        `${c}：${i.limit} 户只有 ${i.found} 人；每户至少一人。`,
      );
    case "tooManyHouseholds":
      return loc(
        `${c}: ${i.found} households in all; at most ${i.limit} can be simulated. Lower simulation.households or the cohorts.`,
        `${c}：共 ${i.found} 户，最多可模拟 ${i.limit} 户。请减少 simulation.households 或队列户数。`,
      );
    case "tooManyCohorts":
      return loc(`${c}: ${i.found} cohorts; at most ${i.limit}.`, `${c}：共 ${i.found} 个队列，最多 ${i.limit} 个。`);
    case "noHouseholds":
      return loc(`${c}: the cohorts hold no households.`, `${c}：各队列没有任何农户。`);
    default:
      return i.code satisfies never;
  }
}
