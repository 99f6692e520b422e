/** Messages of the command-line layer. */
import { loc, type Localized } from "./lang.js";

export const unexpected = (what: string): Localized =>
  loc(
    `Internal error: ${what}\nThis is a bug in fundsim, not in your input. Please report it with the command you ran.`,
    `内部错误：${what}\n这是 fundsim 的缺陷，不是输入的问题。请连同所运行的命令一起报告。`,
  );

export const usageHint = (): Localized =>
  loc("Run `fundsim --help` for usage.", "运行 `fundsim --help` 查看用法。");

export const wrote = (path: string): Localized => loc(`Wrote ${path}`, `已写入 ${path}`);
