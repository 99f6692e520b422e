/**
 * Messages of `fundsim shard` and `fundsim merge`: the problems of shard files and of a
 * merge, each with what was found, what was expected and what to do, in en and zh.
 *
 * @example
 * say("zh", shardProblem({ code: "missingRuns", runs: 10, ranges: "40–49", total: 100 }));
 */
import { formatNumber } from "./format.js";
import { loc, type Localized } from "./lang.js";

export type ShardProblem =
  | { readonly code: "notJson"; readonly file: string }
  | { readonly code: "notShard"; readonly file: string }
  | { readonly code: "shardVersion"; readonly file: string; readonly found: string; readonly expected: string }
  | { readonly code: "shardDamaged"; readonly file: string }
  | { readonly code: "otherScenario"; readonly file: string; readonly found: string; readonly expected: string }
  | { readonly code: "mismatch"; readonly file: string; readonly field: string; readonly found: string; readonly expected: string }
  | { readonly code: "conflict"; readonly file: string; readonly other: string; readonly run: number }
  | { readonly code: "missingRuns"; readonly runs: number; readonly ranges: string; readonly total: number }
  | { readonly code: "noShards" };

const FIELD: Readonly<Record<string, Localized>> = {
  fundsim: loc("fundsim version", "fundsim 版本"),
  seed: loc("seed", "随机种子"),
  runs: loc("runs of the whole simulation", "整个模拟的次数"),
  populationRedrawn: loc("population redrawn per run", "每次模拟重抽人口"),
  register: loc("register", "农户名册"),
  metrics: loc("years and metrics", "年份和指标"),
};

export function shardProblem(p: ShardProblem): Localized {
  switch (p.code) {
    case "notJson":
      return loc(`${p.file}: not a JSON file. A shard file is written by fundsim shard --out FILE.json.`, `${p.file}：不是 JSON 文件。分片文件由 fundsim shard --out FILE.json 写出。`);
    case "notShard":
      return loc(`${p.file}: not a fundsim shard (no "format": "fundsim-shard"). Give the files fundsim shard wrote.`, `${p.file}：不是 fundsim 分片文件（缺少 "format": "fundsim-shard"）。请提供 fundsim shard 写出的文件。`);
    case "shardVersion":
      return loc(`${p.file}: shard format ${p.found}, this fundsim reads ${p.expected}. Re-run the shard with this fundsim.`, `${p.file}：分片格式为 ${p.found}，本 fundsim 读取格式 ${p.expected}。请用本 fundsim 重新计算该分片。`);
    case "shardDamaged":
      return loc(`${p.file}: the shard file is incomplete or damaged (its fields or its data do not add up). Re-run that shard.`, `${p.file}：分片文件不完整或已损坏（字段或数据不一致）。请重新计算该分片。`);
    case "otherScenario":
      return loc(
        `${p.file}: computed for another scenario (${p.found}), not the one given (${p.expected}). Give merge the same scenario, --variant and --set as the shards.`,
        `${p.file}：该分片对应另一个情景（${p.found}），而非所给情景（${p.expected}）。请为 merge 提供与分片相同的情景、--variant 和 --set。`,
      );
    case "mismatch": {
      const f = FIELD[p.field] ?? loc(p.field, p.field);
      return loc(
        `${p.file}: ${f.en} ${p.found}, expected ${p.expected}. Every shard of one simulation needs the same fundsim, seed, runs, register and population option as the merge.`,
        `${p.file}：${f.zh}为 ${p.found}，应为 ${p.expected}。同一模拟的各分片须与 merge 使用相同的 fundsim、随机种子、模拟次数、名册和人口选项。`,
      );
    }
    case "conflict":
      return loc(
        `${p.file} and ${p.other} both hold run ${p.run} with different numbers: they are not the same computation. Re-run one of them.`,
        `${p.file} 与 ${p.other} 都包含第 ${p.run} 次模拟，但数值不同：二者不是同一计算。请重新计算其中之一。`,
      );
    case "missingRuns":
      return loc(
        `${formatNumber(p.runs)} of the ${formatNumber(p.total)} runs are in no shard (runs ${p.ranges}). Add the missing shards (fundsim shard --index I --of N).`,
        `${formatNumber(p.total)} 次模拟中有 ${formatNumber(p.runs)} 次不在任何分片中（第 ${p.ranges} 次）。请补上缺少的分片（fundsim shard --index I --of N）。`,
      );
    case "noShards":
      return loc("No shard files given.", "未提供分片文件。");
  }
}

export const mergeRefused = (): Localized => loc("Merge refused:", "合并被拒绝：");
export const shardLabel = (): Localized => loc("shard", "分片");
export const wroteShard = (file: string, first: number, end: number, runs: number): Localized =>
  loc(
    `Wrote ${file}: runs ${formatNumber(first)}–${formatNumber(end - 1)} of ${formatNumber(runs)}. Merge the shards with: fundsim merge <scenario> SHARD… --out DIR`,
    `已写入 ${file}：共 ${formatNumber(runs)} 次模拟中的第 ${formatNumber(first)}–${formatNumber(end - 1)} 次。合并分片：fundsim merge <scenario> SHARD… --out DIR`,
  );
export const badShardIndex = (index: number, of: number): Localized =>
  loc(`--index ${index} --of ${of}: expected 0 ≤ index < of (e.g. --index 0 --of 8 … --index 7 --of 8).`, `--index ${index} --of ${of}：应满足 0 ≤ index < of（如 --index 0 --of 8 … --index 7 --of 8）。`);
export const emptyShard = (of: number, runs: number): Localized =>
  loc(`--of ${of} is more shards than the ${runs} runs: some shards would be empty. Use --of ${runs} or fewer.`, `--of ${of} 超过模拟次数 ${runs}：部分分片将为空。请使用 --of ${runs} 或更少。`);
