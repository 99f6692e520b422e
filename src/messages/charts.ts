/** Messages of the charts and rendering stage. */
import { loc, type Localized } from "./lang.js";

export const fontsMissing = (searched: readonly string[]): Localized =>
  loc(
    `No Chinese-capable font found (looked for Noto Sans CJK in: ${searched.join(", ")}).\n` +
      `Charts need it to draw text. Install it with: apt-get install fonts-noto-cjk (Debian/Ubuntu package "fonts-noto-cjk"),\n` +
      `or point FUNDSIM_FONT_DIR at a folder holding NotoSansCJK-Regular.ttc.`,
    `未找到支持中文的字体（已在以下位置查找 Noto Sans CJK：${searched.join("，")}）。\n` +
      `图表需要该字体绘制文字。请安装：apt-get install fonts-noto-cjk（Debian/Ubuntu 软件包 "fonts-noto-cjk"），\n` +
      `或将环境变量 FUNDSIM_FONT_DIR 指向包含 NotoSansCJK-Regular.ttc 的文件夹。`,
  );

export const unknownKind = (kind: string, kinds: readonly string[]): Localized =>
  loc(
    `Unknown chart kind "${kind}". Expected one of: ${kinds.join(", ")}.`,
    `未知的图表类型 "${kind}"。可选：${kinds.join("、")}。`,
  );

export const chartUnavailable = (kind: string, why: string): Localized =>
  loc(`The chart "${kind}" cannot be drawn for this input: ${why}.`, `无法为此输入绘制图表 "${kind}"：${why}。`);

export const unknownFormat = (format: string): Localized =>
  loc(`Unknown format "${format}". Expected svg, png, pdf or json.`, `未知的格式 "${format}"。可选：svg、png、pdf、json。`);

export const notAResultsDir = (path: string, missing: string): Localized =>
  loc(
    `${path}: not a results folder or scenario file (missing ${missing}). Give a folder written by \`fundsim simulate --out DIR\` or a scenario file (.yaml/.json).`,
    `${path}：不是结果文件夹或情景文件（缺少 ${missing}）。请提供 \`fundsim simulate --out DIR\` 写出的文件夹，或情景文件（.yaml/.json）。`,
  );

export const badResultsFile = (path: string, detail: string): Localized =>
  loc(`${path}: cannot read results: ${detail}`, `${path}：无法读取结果：${detail}`);

export const needsLedger = (): Localized =>
  loc(
    "it needs the budget ledger: pass the scenario file instead, or keep the scenario named in the folder's manifest.json where it was",
    "该图表需要预算台账：请改为传入情景文件，或确保结果文件夹中 manifest.json 所指的情景文件仍在原处",
  );
export const needsVariants = (): Localized =>
  loc(
    "comparing variants needs a scenario file and --compare NAME for each variant to compare (variants defined in the scenario's variants:)",
    "方案比较需要传入情景文件，并用 --compare 名称 指定要比较的方案（方案在情景的 variants: 中定义）",
  );
export const noSuchData = (): Localized =>
  loc(
    "the scenario or results have no such data (e.g. no credit pool, no relocation schedule or no per-person target)",
    "情景或结果中没有这部分数据（例如没有风险补偿资金池、没有搬迁计划或没有人均投入目标）",
  );
