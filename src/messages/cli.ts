/** Messages of the command-line layer. */
import { loc, type Lang, type Localized } from "./lang.js";

export const unexpected = (what: string): Localized =>
  loc(
    `Internal error: ${what}\nThis is a bug in fundsim, not in your input. Please report it with the command you ran.`,
    `内部错误：${what}\n这是 fundsim 的缺陷，不是输入的问题。请连同所运行的命令一起报告。`,
  );

export const usageHint = (): Localized =>
  loc("Run `fundsim --help` for usage.", "运行 `fundsim --help` 查看用法。");

export const wrote = (path: string): Localized => loc(`Wrote ${path}`, `已写入 ${path}`);

/** The usage line at the top of `fundsim --help`. */
export const usageLine = (): Localized =>
  loc(
    "fundsim <command> [options]\n\nTest poverty-alleviation budgets before committing money.",
    "fundsim <命令> [选项]\n\n在投入资金之前检验扶贫预算。",
  );

/** Descriptions of commands, positionals and options in `--help`, by command and option. */
const HELP = {
  lang: loc("Language of messages and outputs (en | zh; default: from LANG/LC_ALL)", "消息和输出的语言（en | zh；默认取自 LANG/LC_ALL）"),
  allIssues: loc("List every problem found (by default the first 10 and a count of the rest)", "列出发现的全部问题（默认只列前 10 个并统计其余数量）"),
  noCommand: loc("No command given.", "没有指定命令。"),
  scenarioFile: loc("Scenario file (.yaml or .json)", "情景文件（.yaml 或 .json）"),
  variant: loc(
    "Apply a variant defined in the scenario (variants[].id), a variant file (.yaml: id, label, set — as fundsim calibrate writes), or an allocation workbook (.xlsx, as fundsim template-xlsx writes)",
    "应用情景中定义的方案（variants[].id）、方案文件（.yaml：id、label、set，如 fundsim calibrate 所写），或资金分配工作簿（.xlsx，如 fundsim template-xlsx 所写）",
  ),
  set: loc("Override a value: path=value (repeatable), e.g. creditPools.pool.leverage=8", "覆盖一个数值：路径=数值（可重复），例如 creditPools.pool.leverage=8"),
  runs: loc("Monte-Carlo runs (default: the scenario's simulation.runs)", "蒙特卡洛模拟次数（默认：情景中的 simulation.runs）"),
  seed: loc("Random seed, 0–4294967295 (default: the scenario's simulation.seed)", "随机种子，0–4294967295（默认：情景中的 simulation.seed）"),
  threads: loc("Worker threads (default: available cores); results do not depend on it", "工作线程数（默认：可用核心数）；结果与其无关"),
  fixedPopulation: loc(
    "Simulate every run on the seed's one synthetic population instead of redrawing it per run (faster; probabilities and intervals then leave the population draw out)",
    "所有模拟使用按随机种子抽取的同一合成人口，不再每次重抽（更快；概率与区间因此不含人口抽样的不确定性）",
  ),
  register: loc(
    "Household register to simulate instead of the scenario's cohorts: CSV (UTF-8 or GBK/GB18030) or an Excel .xlsx (see docs/outputs.md)",
    "用于模拟的农户名册，代替情景中的群组：CSV（UTF-8 或 GBK/GB18030）或 Excel .xlsx（见 docs/outputs.md）",
  ),
  validate: loc("Check scenario files; report every problem with file, line and field", "检查情景文件；报告每个问题的文件、行号和字段"),
  validateFiles: loc("Scenario files (.yaml or .json)", "情景文件（.yaml 或 .json）"),
  schema: loc("Print the JSON Schema of scenario files (editors use it to autocomplete)", "输出情景文件的 JSON Schema（供编辑器自动补全）"),
  describe: loc("Summarise a scenario: population, money, programmes, credit pools, targets", "概述情景：人口、资金、项目、信贷资金池、目标"),
  ledger: loc("Exact budget ledger: sources and uses per year, capacities, schedules, pools, checks", "精确预算台账：逐年资金来源与用途、能力、计划、资金池、核查"),
  ledgerFormat: loc("What to print: aligned table, CSV (UTF-8 with BOM) or JSON", "输出格式：对齐表格、CSV（带 BOM 的 UTF-8）或 JSON"),
  ledgerOut: loc("Also write ledger.txt, ledger.csv and ledger.json into this folder (new, empty, or a previous ledger folder)", "同时将 ledger.txt、ledger.csv 和 ledger.json 写入此文件夹（新建、空的或以前的台账文件夹）"),
  ledgerStrict: loc("Exit 1 when any check is an error (over-committed year, target missed …)", "任何核查为错误时（某年超支、未达目标……）以退出码 1 结束"),
  simulate: loc("Monte-Carlo simulation: exits, relapses, pool losses and fiscal cost, with uncertainty", "蒙特卡洛模拟：脱贫、返贫、资金池损失和财政成本，附不确定性"),
  decompose: loc(
    "Also split the spread of people out of poverty by source: shocks, unknown parameters, population draw (up to 200 more runs per step)",
    "另外按来源分解脱贫人口的离散程度：冲击、未知参数、人口抽样（每步最多另行模拟 200 次）",
  ),
  reportDecompose: loc(
    "Include where the uncertainty comes from: shocks, unknown parameters, population draw (up to 200 more runs per step; --no-decompose to leave it out)",
    "包含不确定性来源：冲击、未知参数、人口抽样（每步最多另行模拟 200 次；--no-decompose 可省略）",
  ),
  precision: loc("Add runs until the standard error of the --precision-metric (default: the final-year exit rate) is ≤ this (e.g. 0.002)", "持续增加模拟次数，直到 --precision-metric 指标（默认：末年脱贫率）的标准误 ≤ 此值（例如 0.002）"),
  precisionMetric: loc(
    "What --precision controls: exitRate (final-year exit rate, default), exitedPeople (people out of poverty at the last target year), pTarget (P(every exit target met)), poolLoss99 (the pool's 99% worst-case loss, yuan)",
    "--precision 控制的指标：exitRate（末年脱贫率，默认）、exitedPeople（末个目标年脱贫人口）、pTarget（全部脱贫目标达成概率）、poolLoss99（资金池 99% 最坏情形损失，元）",
  ),
  maxRuns: loc("Cap on runs with --precision (default 100000)", "使用 --precision 时的模拟次数上限（默认 100000）"),
  simulateOut: loc("Output folder (runs.csv, summary.json, manifest.json): new, empty, or a previous results folder", "输出文件夹（runs.csv、summary.json、manifest.json）：新建、空的或以前的结果文件夹"),
  compare: loc("Compare variants with common random numbers: paired differences with confidence intervals", "用共同随机数比较方案：配对差异及置信区间"),
  compareVariant: loc("Variant to compare (repeatable; `baseline` = no overlay); the first is the reference", "要比较的方案（可重复；`baseline` 表示不覆盖）；第一个为参照"),
  compareOut: loc("Output folder: one results folder per variant, differences.json, differences.csv", "输出文件夹：每个方案一个结果文件夹，以及 differences.json、differences.csv"),
  chart: loc("Draw one chart from a results folder or a scenario (SVG, PNG, PDF or the Vega-Lite JSON)", "根据结果文件夹或情景绘制一张图（SVG、PNG、PDF 或 Vega-Lite JSON）"),
  chartInput: loc("Results folder (fundsim simulate --out) or scenario file", "结果文件夹（fundsim simulate --out）或情景文件"),
  chartKind: loc("Which chart", "图表类型"),
  chartFormat: loc("Output format (default: from the --out extension, else svg)", "输出格式（默认：按 --out 的扩展名，否则为 svg）"),
  chartOut: loc("File to write (an existing file is replaced only if fundsim wrote it)", "要写入的文件（已有文件仅当由 fundsim 写入时才会被替换）"),
  chartForce: loc("Replace an existing --out file even if fundsim did not write it", "即使 --out 文件不是 fundsim 写入的也替换它"),
  force: loc("Write into an --out folder that holds other files (they are kept; same-named files are replaced)", "写入含有其他文件的 --out 文件夹（原有文件保留，同名文件被替换）"),
  chartRuns: loc("Runs when simulating a scenario (default: the scenario's simulation.runs)", "模拟情景时的次数（默认：情景中的 simulation.runs）"),
  chartSeed: loc("Seed when simulating a scenario (default: the scenario's simulation.seed)", "模拟情景时的随机种子（默认：情景中的 simulation.seed）"),
  chartThreads: loc("Worker threads when simulating (default: available cores)", "模拟时的工作线程数（默认：可用核心数）"),
  chartCompare: loc("Variants to compare with the scenario (for variant-differences and exits-vs-cost; repeatable)", "与情景比较的方案（用于 variant-differences 和 exits-vs-cost；可重复）"),
  report: loc("Ledger + simulation → a self-contained HTML report with every chart (PNG, SVG, CSV beside it)", "台账 + 模拟 → 包含全部图表的独立 HTML 报告（旁附 PNG、SVG、CSV）"),
  reportVariant: loc("Compare a variant with the baseline (repeatable)", "将方案与基准比较（可重复）"),
  reportSet: loc("Override a value: path=value (repeatable)", "覆盖一个数值：路径=数值（可重复）"),
  reportSeed: loc("Random seed (default: the scenario's simulation.seed)", "随机种子（默认：情景中的 simulation.seed）"),
  reportThreads: loc("Worker threads (default: available cores)", "工作线程数（默认：可用核心数）"),
  reportOut: loc("Folder to write: new, empty, or a previous report folder (replaced atomically)", "要写入的文件夹：新建、空的或以前的报告文件夹（原子替换）"),
  sensitivity: loc("Which scenario numbers move the results: tornado, Morris screening or Sobol indices, with uncertainty", "哪些情景数值影响结果：龙卷风图、Morris 筛选或 Sobol 指数，附不确定性"),
  sensitivityMethod: loc("tornado (one at a time, 2k+1 evaluations), morris (screening, r(k+1)) or sobol (variance shares, n(k+2))", "tornado（逐一改变，2k+1 次评估）、morris（筛选，r(k+1) 次）或 sobol（方差分解，n(k+2) 次）"),
  sensitivityParam: loc("Vary a number: path=low:high, paths as for --set (repeatable); default every programme allocation ±20%, credit pools' pd and lgd ±50%", "改变一个数值：路径=下限:上限，路径写法同 --set（可重复）；默认各项目拨款 ±20%、信贷资金池 pd 和 lgd ±50%"),
  sensitivityMetric: loc("Metric of the run results (default exitedPeople: people out of poverty at year end)", "模拟结果的指标（默认 exitedPeople：年末脱贫人数）"),
  sensitivityYear: loc("Year the metric is read in (default the last), or horizon (flows summed, stocks at the end)", "读取指标的年份（默认最后一年），或 horizon（流量求和，存量取期末）"),
  sensitivitySamples: loc("Morris trajectories (default 10) or Sobol base rows (a power of two, default 64)", "Morris 轨迹数（默认 10）或 Sobol 基础行数（2 的幂，默认 64）"),
  sensitivityThreads: loc("Worker threads per evaluation (default 1; worth it above a few hundred runs); results do not depend on it", "每次评估的工作线程数（默认 1；数百次模拟以上才值得）；结果与其无关"),
  calibrate: loc(
    "Fit the free parameters (the scenario's calibration.free and the targets file's free) to what was observed (simulated method of moments, common random numbers); writes the fit, its charts and page, and a variant file with the calibrated values",
    "将自由参数（情景的 calibration.free 与目标文件的 free）拟合到观测值（模拟矩估计，共同随机数）；写出拟合结果、图表和页面，以及含校准值的方案文件",
  ),
  calibrateTargets: loc("Targets file (YAML): observed values with their sd, and free parameters besides the scenario's (see docs/calibration.md)", "目标文件（YAML）：观测值及其标准差，以及情景之外的自由参数（见 docs/calibration.md）"),
  calibrateRuns: loc("Runs per evaluated point (default 100)", "每个评估点的模拟次数（默认 100）"),
  calibrateThreads: loc(
    "Worker threads per evaluation (default: all cores when an evaluation simulates 2 M household-years or more, else 1); results do not depend on it",
    "每次评估的工作线程数（默认：每次评估模拟 200 万户年及以上时使用全部核心，否则为 1）；结果与其无关",
  ),
  calibrateMaxEvaluations: loc("Evaluations of the first search (default 60 + 40 per parameter; a restart takes half as many)", "第一次搜索的评估次数（默认 60 + 每个参数 40；重启搜索为其一半）"),
  calibrateOut: loc(
    "Folder for calibration.json, fit.csv, parameters.csv, calibrated.yaml (the variant), calibration.html, the charts and manifest.json",
    "输出文件夹：calibration.json、fit.csv、parameters.csv、calibrated.yaml（方案文件）、calibration.html、图表和 manifest.json",
  ),
  optimise: loc(
    "Search the split of the plan's money between its spending lines that meets every target most often, or gets the most people out (CMA-ES on common random numbers, winner re-tested on fresh runs); writes the split as a variant file",
    "搜索各支出项目间的资金分配，使所有目标实现的概率最高或脱贫人数最多（共同随机数上的 CMA-ES，最优者在新的模拟上复验）；将分配写为方案文件",
  ),
  optimiseObjective: loc(
    "p-all-targets: P(every target of every year met), default when the plan sets targets; people-out: people out of poverty in the last year; min-cost: the least money meeting every target with --probability",
    "p-all-targets：每年所有目标均实现的概率（规划设有目标时为默认）；people-out：末年脱贫人数；min-cost：以 --probability 的概率实现全部目标所需的最少资金",
  ),
  optimiseLines: loc("Programme ids to move money between, comma-separated (default: every programme with an allocation and a modelled effect)", "在其间调配资金的项目 id，逗号分隔（默认：所有有分配额且有建模效果的项目）"),
  optimiseBounds: loc("A line's share of each year's money moved: id=min:max (repeatable; default 0:1)", "某项目在每年被调整资金中的份额范围：id=下限:上限（可重复；默认 0:1）"),
  shard: loc(
    "Simulate one piece of a simulation (runs ⌊I·R/N⌋ to ⌊(I+1)·R/N⌋ − 1) into a shard file, for a cluster's job array or several machines; fundsim merge joins the pieces bit for bit",
    "计算模拟的一个分片（第 ⌊I·R/N⌋ 至 ⌊(I+1)·R/N⌋ − 1 次）并写入分片文件，用于集群作业数组或多台机器；fundsim merge 逐位精确地合并各分片",
  ),
  shardIndex: loc("This shard's index, 0 to --of − 1", "本分片的序号，0 至 --of − 1"),
  shardOf: loc("Number of shards the simulation is split into", "模拟拆分的分片数"),
  shardOut: loc("Shard file to write (JSON), e.g. shards/3.json", "要写入的分片文件（JSON），如 shards/3.json"),
  merge: loc(
    "Merge the shard files of a simulation (any order; a retried shard's copy is harmless) and write what simulate writes, runs.csv identical to a single-machine run",
    "合并一个模拟的各分片文件（顺序不限；重复计算的分片无害），写出与 simulate 相同的结果，runs.csv 与单机运行完全一致",
  ),
  mergeShards: loc("Shard files written by fundsim shard", "由 fundsim shard 写出的分片文件"),
  queue: loc(
    "Run the simulation on a job queue: redis://HOST:PORT of the Redis that fundsim worker processes (on any machines) take jobs from; the shards and their merge go there as one flow, the results come back bit for bit those of a local run",
    "在作业队列上运行模拟：redis://主机:端口，为 fundsim worker 工作进程（可在任意机器上）取作业的 Redis；各分片及其合并作为一个作业流提交，结果与本地运行逐位一致",
  ),
  queueShards: loc("With --queue: shards the runs are split into (default: 8, or about 100 runs each for large simulations)", "与 --queue 同用：模拟拆分的分片数（默认 8，大型模拟约每片 100 次）"),
  queueAttempts: loc("With --queue: tries per shard before it is reported failed (default 3; retries wait 1 s, 2 s, 4 s …)", "与 --queue 同用：每个分片报告失败前的尝试次数（默认 3；重试间隔 1、2、4 秒……）"),
  worker: loc(
    "Take simulation jobs (shards and merges) from a job queue until stopped (Ctrl-C or SIGTERM: after the running jobs); run one or more on each machine",
    "从作业队列中领取模拟作业（分片与合并），直到被停止（Ctrl-C 或 SIGTERM：在当前作业完成后）；每台机器可运行一个或多个",
  ),
  workerQueue: loc("redis://HOST:PORT of the queue's Redis (as given to simulate --queue)", "队列所用 Redis 的 redis://主机:端口（与 simulate --queue 相同）"),
  workerThreads: loc("Engine threads per job (default: the machine's cores ÷ --concurrency)", "每个作业的计算线程数（默认：本机核心数 ÷ --concurrency）"),
  workerConcurrency: loc("Jobs computed at a time (default 1)", "同时计算的作业数（默认 1）"),
  workerName: loc("This worker's name in logs and failure reports (default: host:pid)", "本工作进程在日志和失败报告中的名称（默认：主机:进程号）"),
  workerLockDuration: loc(
    "Milliseconds a job's lock lasts (renewed while it runs; default 30000): a killed worker's job goes back to the queue within about this plus --stalled-interval",
    "作业锁的有效毫秒数（运行中自动续期；默认 30000）：被终止的工作进程的作业约在此时间加 --stalled-interval 后退回队列",
  ),
  workerStalledInterval: loc("Milliseconds between checks for jobs of lost workers (default 30000)", "检查失联工作进程作业的间隔毫秒数（默认 30000）"),
  exportXlsx: loc(
    "The budget ledger as an Excel workbook: sources and uses by year with formula totals and balance, the checks, in yuan or 万元",
    "将预算台账导出为 Excel 工作簿：逐年资金来源与使用（合计与结余为公式）及核查结果，单位为元或万元",
  ),
  templateXlsx: loc(
    "An allocation workbook to fill in Excel (each programme's allocation by year, in yuan); any command reads it back with --variant FILE.xlsx",
    "生成可在 Excel 中填写的资金分配工作簿（各项目逐年分配，单位元）；任何命令均可通过 --variant FILE.xlsx 读取",
  ),
  serve: loc(
    "The workbench: a page in your browser to pick a scenario, edit its allocations and see the exact ledger and Monte-Carlo estimates change at once (and its JSON API); Ctrl+C stops it",
    "工作台：在浏览器中选择情景、编辑资金分配，即时查看精确预算台账和蒙特卡洛估计的变化（及其 JSON 接口）；按 Ctrl+C 停止",
  ),
  servePort: loc("Port to listen on", "监听端口"),
  serveHost: loc("Address to listen on (default 127.0.0.1: only this computer)", "监听地址（默认 127.0.0.1：仅本机）"),
  serveOpen: loc("Open the page in the default browser", "在默认浏览器中打开页面"),
  serveWorkers: loc("Worker threads that simulate (default: one per core; 0: on the server's own thread)", "进行模拟的工作线程数（默认每个核心一个；0：在服务器自身线程上）"),
  exportXlsxUnit: loc("yuan or wan (万元); default 万元 in Chinese, yuan in English", "yuan（元）或 wan（万元）；默认中文为万元，英文为元"),
  exportXlsxOut: loc("Workbook to write (.xlsx); an existing file is replaced only with --force", "要写入的工作簿（.xlsx）；已有文件仅在 --force 时替换"),
  reportWhatMatters: loc(
    "Add \"What matters and what to change\": a sensitivity study (tornado by default; morris or sobol) of people out and the optimised split of the money against the plan's (runs per point: the report's, at most 100)",
    "添加“关键因素与调整建议”：脱贫人数的敏感性分析（默认 tornado；可选 morris 或 sobol）及优化后的资金分配与规划分配的比较（每点模拟次数：报告的次数，最多 100）",
  ),
  optimiseFrontier: loc(
    "Budget frontier: multiples of the plan's money of the lines moved (e.g. 0.5,0.75,1,1.25,1.5), each simulated with the plan's shares and the optimised split",
    "预算前沿：被调整项目资金相对规划的倍数（如 0.5,0.75,1,1.25,1.5），分别按规划份额和优化分配模拟",
  ),
  optimiseProbability: loc("For --objective min-cost: the probability of meeting every target to reach (default 0.8)", "用于 --objective min-cost：需达到的全部目标实现概率（默认 0.8）"),
  optimiseRuns: loc("Runs per evaluated split (default 100)", "每种分配的模拟次数（默认 100）"),
  optimiseMaxEvaluations: loc("Splits the search evaluates (default 30 per line, at least 60)", "搜索评估的分配数（默认每个项目 30 种，至少 60 种）"),
  optimiseOut: loc(
    "Also write optimisation.json, allocations.csv, evaluations.csv, optimised.yaml (the variant), the shares chart and manifest.json into this folder",
    "同时将 optimisation.json、allocations.csv、evaluations.csv、optimised.yaml（方案文件）、份额图和 manifest.json 写入此文件夹",
  ),
  sensitivityOut: loc("Also write sensitivity.csv, sensitivity.json, manifest.json and the chart into this folder", "同时将 sensitivity.csv、sensitivity.json、manifest.json 和图表写入此文件夹"),
} as const;

export type HelpKey = keyof typeof HELP;

/** Every help text in one language, for the command definitions. */
export function cliHelp(lang: Lang): { readonly [K in HelpKey]: string } {
  return Object.fromEntries(Object.entries(HELP).map(([k, v]) => [k, v[lang]])) as { [K in HelpKey]: string };
}

/**
 * yargs' own words in Chinese where its zh_CN locale is unclear or missing (it leaves
 * "non-option" in English, and "Positionals" as 位置).
 */
export const YARGS_ZH: Readonly<Record<string, string | { one: string; other: string }>> = {
  "Positionals:": "参数：",
  "Not enough non-option arguments: got %s, need at least %s": { one: "参数不足：给了 %s 个，至少需要 %s 个", other: "参数不足：给了 %s 个，至少需要 %s 个" },
  "Too many non-option arguments: got %s, maximum of %s": { one: "参数过多：给了 %s 个，最多 %s 个", other: "参数过多：给了 %s 个，最多 %s 个" },
  "Unknown argument: %s": { one: "未知的选项：%s", other: "未知的选项：%s" },
  "Unknown command: %s": { one: "未知的命令：%s", other: "未知的命令：%s" },
  "Invalid values:": "无效的选项值：",
  "Argument: %s, Given: %s, Choices: %s": "选项 %s：给出的值 %s，可选值：%s",
  "Missing required argument: %s": { one: "缺少必需的选项：%s", other: "缺少必需的选项：%s" },
  "Missing argument value: %s": { one: "选项缺少值：%s", other: "选项缺少值：%s" },
  "Did you mean %s?": "是否应为 %s？",
  required: "必需",
  "aliases:": "别名:",
};

/** Progress bar text while simulating (cli-progress format; {bar}, {value} … are filled in by the bar). */
export const progressFormat = (label: string): Localized =>
  loc(`${label} [{bar}] {value}/{total} runs | {speed} runs/s | ETA {eta_formatted}`, `${label} [{bar}] {value}/{total} 次 | {speed} 次/秒 | 剩余 {eta_formatted}`);

/** Progress label of `simulate`. */
export const simulatingLabel = (): Localized => loc("simulate", "模拟");
export const decomposingLabel = (): Localized => loc("decompose", "分解");
