/** Messages of the charts and rendering stage. */
import { loc, type Localized } from "./lang.js";

/** Warning: no CJK font; charts are drawn anyway. Names the font to install on each platform. */
export const fontsMissing = (searched: readonly string[]): Localized =>
  loc(
    `Warning: no Chinese-capable font found (looked in: ${searched.join(", ")}).\n` +
      `Charts are drawn with whatever font the system has; Chinese text may show as boxes. To fix, install a CJK font:\n` +
      `  Debian/Ubuntu: apt-get install fonts-noto-cjk · Fedora: dnf install google-noto-sans-cjk-fonts\n` +
      `  macOS: PingFang SC, Hiragino Sans GB, STHeiti or Songti (in /System/Library/Fonts) · Windows: Microsoft YaHei (msyh.ttc), SimHei (simhei.ttf) or SimSun (simsun.ttc)\n` +
      `or set FUNDSIM_CJK_FONT to a font file (e.g. NotoSansCJK-Regular.ttc), or FUNDSIM_FONT_DIR to a folder holding one.`,
    `警告：未找到支持中文的字体（已查找：${searched.join("，")}）。\n` +
      `图表仍会用系统现有字体绘制，中文可能显示为方框。请安装中文字体：\n` +
      `  Debian/Ubuntu：apt-get install fonts-noto-cjk · Fedora：dnf install google-noto-sans-cjk-fonts\n` +
      `  macOS：苹方 PingFang SC、冬青黑体 Hiragino Sans GB、华文黑体 STHeiti 或宋体 Songti（位于 /System/Library/Fonts）· Windows：微软雅黑 Microsoft YaHei（msyh.ttc）、黑体 SimHei（simhei.ttf）或宋体 SimSun（simsun.ttc）\n` +
      `或将环境变量 FUNDSIM_CJK_FONT 设为字体文件（如 NotoSansCJK-Regular.ttc），或将 FUNDSIM_FONT_DIR 设为包含该字体的文件夹。`,
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
