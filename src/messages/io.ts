/**
 * Messages about writing outputs: why a folder or file was not written, and what to do.
 * Every problem says which path, what happened and how to fix it.
 */
import { loc, type Localized } from "./lang.js";
import type { IoOp, OutputKind, OutputProblem } from "../io/outputs.js";

const KIND: Readonly<Record<OutputKind, Localized>> = {
  results: loc("simulation results", "模拟结果"),
  comparison: loc("variant comparison", "方案比较"),
  report: loc("report", "报告"),
  ledger: loc("budget ledger", "预算台账"),
  sensitivity: loc("sensitivity study", "敏感性分析"),
  calibration: loc("calibration", "参数校准"),
  optimisation: loc("allocation optimisation", "资金分配优化"),
};

const OP: Readonly<Record<IoOp, Localized>> = {
  create: loc("create", "创建"),
  write: loc("write", "写入"),
  replace: loc("replace", "替换"),
  read: loc("read", "读取"),
};

/** What a system error code means, and what to do about it. */
function errnoText(code: string): { readonly what: Localized; readonly fix: Localized } {
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return { what: loc("the disk is full", "磁盘已满"), fix: loc("free some space or choose a folder on another disk", "请释放磁盘空间，或选择其他磁盘上的文件夹") };
    case "EROFS":
      return { what: loc("the disk is read-only", "磁盘为只读"), fix: loc("choose a folder on a writable disk", "请选择可写磁盘上的文件夹") };
    case "EACCES":
    case "EPERM":
      return { what: loc("permission denied", "没有权限"), fix: loc("choose a folder you may write to, or ask for write permission", "请选择有写入权限的文件夹，或申请写入权限") };
    case "ENOTDIR":
      return { what: loc("part of the path is a file, not a folder", "路径中的某一部分是文件而不是文件夹"), fix: loc("check the path, or choose another", "请检查路径，或另选一个") };
    case "EISDIR":
      return { what: loc("a folder stands where a file goes", "应写文件的位置已有同名文件夹"), fix: loc("rename or move that folder, or choose another output", "请重命名或移走该文件夹，或另选输出位置") };
    case "ENOENT":
      return { what: loc("a folder on the path does not exist", "路径中的文件夹不存在"), fix: loc("create the folder first, or check the path", "请先创建该文件夹，或检查路径") };
    case "ENAMETOOLONG":
      return { what: loc("the path is too long", "路径过长"), fix: loc("choose a shorter path", "请选择更短的路径") };
    case "EXDEV":
      return { what: loc("the folder spans two disks", "文件夹跨越两个磁盘"), fix: loc("choose a new folder (one that does not exist yet)", "请选择一个尚不存在的新文件夹") };
    case "EMFILE":
    case "ENFILE":
      return { what: loc("too many files are open", "打开的文件过多"), fix: loc("close other programs and try again", "请关闭其他程序后重试") };
    case "EBUSY":
      return { what: loc("a file is in use by another program", "文件正被其他程序占用"), fix: loc("close the program that holds it (e.g. Excel) and try again", "请关闭占用它的程序（如 Excel）后重试") };
    default:
      return { what: loc(`system error ${code}`, `系统错误 ${code}`), fix: loc("check the path and the disk, then try again", "请检查路径和磁盘后重试") };
  }
}

const list = (files: readonly string[], total: number): Localized => {
  const shown = files.join(", ");
  const more = total - files.length;
  return more > 0 ? loc(`${shown} and ${more} more`, `${shown} 等另 ${more} 个`) : loc(shown, shown);
};

/** One output problem as a message. */
export function outputProblem(p: OutputProblem): Localized {
  switch (p.code) {
    case "emptyPath":
      return loc(
        "The output path is empty (is a shell variable unset?). Give a folder, e.g. --out out/linghai.",
        "输出路径为空（是否有未设置的 shell 变量？）。请指定一个文件夹，例如 --out out/linghai。",
      );
    case "workingFolder":
      return loc(
        `Will not write into ${p.path}: it is the current folder, a folder above it, or your home or root folder, and fundsim writes outputs only into a folder of their own. Give a new folder, e.g. --out out/results.`,
        `不会写入 ${p.path}：它是当前文件夹、其上级文件夹、主目录或根目录，而 fundsim 只把输出写入单独的文件夹。请指定一个新文件夹，例如 --out out/results。`,
      );
    case "isInput":
      return loc(
        `Will not write to ${p.path}: it is an input of this command (the scenario or the register). Choose another output path.`,
        `不会写入 ${p.path}：它是本命令的输入文件（情景或登记表）。请另选输出路径。`,
      );
    case "notAFolder":
      return loc(
        `Will not write into ${p.path}: it is an existing file, and the output is a folder. Choose a folder path, e.g. --out out/results.`,
        `不会写入 ${p.path}：它是已有的文件，而输出是一个文件夹。请指定文件夹路径，例如 --out out/results。`,
      );
    case "isAFolder":
      return loc(
        `Will not write ${p.path}: it is an existing folder, and the output is a file. Give a file name, e.g. --out out/chart.png.`,
        `不会写入 ${p.path}：它是已有的文件夹，而输出是一个文件。请指定文件名，例如 --out out/chart.png。`,
      );
    case "foreignFiles": {
      const l = list(p.files, p.total);
      return loc(
        `Will not write into ${p.path}: it holds files fundsim did not write (${l.en}). Choose a new or empty folder, or add --force to write beside them (they are kept; a file with the same name as one fundsim writes is replaced).`,
        `不会写入 ${p.path}：其中有不是 fundsim 写入的文件（${l.zh}）。请选择新的或空的文件夹，或加 --force 写入其中（原有文件保留；与 fundsim 输出同名的文件会被替换）。`,
      );
    }
    case "otherKind":
      return loc(
        `Will not write the ${KIND[p.wanted].en} into ${p.path}: it holds a ${KIND[p.kind].en} from fundsim. Choose another folder, or add --force to write beside it.`,
        `不会将${KIND[p.wanted].zh}写入 ${p.path}：其中是 fundsim 的${KIND[p.kind].zh}。请另选文件夹，或加 --force 写入其中。`,
      );
    case "foreignFile":
      return loc(
        `Will not replace ${p.path}: the file exists and fundsim did not write it. Choose another file name, or add --force to replace it.`,
        `不会替换 ${p.path}：该文件已存在且不是 fundsim 写入的。请另选文件名，或加 --force 替换。`,
      );
    case "io": {
      const t = errnoText(p.errno);
      return loc(
        `Could not ${OP[p.op].en} ${p.path}: ${t.what.en} (${p.errno}). Nothing was written; ${t.fix.en}.`,
        `无法${OP[p.op].zh} ${p.path}：${t.what.zh}（${p.errno}）。未写入任何内容；${t.fix.zh}。`,
      );
    }
    default:
      return p satisfies never;
  }
}
