/**
 * fundsim — public API.
 *
 * The pipeline, each stage a pure step with a typed input and output:
 *
 *   1. loadScenario      file (YAML/JSON) → Scenario           src/scenario/
 *   2. buildLedger       Scenario → Ledger (exact decimal)      src/ledger/
 *   3. buildPopulation   Scenario | register CSV → Households   src/population/
 *   4. simulate          Ledger + Households → RunResults       src/engine/
 *   5. summarize         RunResults → Summary                   src/results/
 *      reconcileSpending Ledger + Summary → budgeted vs simulated spending
 *   6. charts / render   Ledger | Summary → Vega-Lite → files   src/charts/ src/render/ src/report/
 *
 * Composed in one place, src/pipeline/ (the only folder that calls several stages):
 *   simulateScenario     stages 2–5 for one scenario (the ledger travels with the result)
 *   compareVariants      variants with common random numbers, paired differences once
 *   reportInputFor       everything a report needs, as data
 * The CLI (src/cli/) is a thin layer over the pipeline. Ground floor under every stage:
 * src/model/ (households, run results, money), src/random/, src/io/, src/util/.
 * See ARCHITECTURE.md.
 */
// 1. Scenario: load, validate, resolve; overlays; issues as data.
export {
  loadScenario,
  parseScenarioText,
  scenarioFromObject,
  scenarioJsonSchema,
  at,
  atNumber,
  scalar,
  scalarNumber,
  formatPath,
} from "./scenario/index.js";
export type { Scenario, LoadedScenario, LoadOptions, Issue, Param, ScenarioInput } from "./scenario/index.js";
export { renderIssues } from "./messages/scenario.js";

// 2. Ledger: exact, year-by-year sources and uses, capacities, schedules, pools, checks.
export { buildLedger, ledgerTables, ledgerCsv, ledgerJson, ledgerNumbers } from "./ledger/index.js";
export { ledgerText } from "./present/ledgerText.js";
export type { Ledger, LedgerOptions, LedgerCheck, LedgerTable, LedgerNumbers, SourceLine, UseLine, ProgrammeLedger, ScheduleEntry, PoolLedger, TargetLedger, BalanceYear } from "./ledger/index.js";
export { formatYuan, formatWan, splitByWeights } from "./model/money.js";

// 3. Population: synthetic households from cohorts, or a household register CSV.
export { buildPopulation } from "./population/synthetic.js";
export type { PopulationOptions } from "./population/synthetic.js";
export { loadRegister, parseRegister } from "./population/register.js";
export type { RegisterOptions } from "./population/register.js";
export type { RegisterIssue } from "./population/registerIssues.js";
export type { PopulationIssue } from "./population/cohorts.js";
export { nationalRegister } from "./population/national.js";
export { SEGMENTS, CAUSES, FLAG_NAMES, FLAG, totalPeople } from "./model/households.js";
export type { Households } from "./model/households.js";
export { registerIssue, populationIssue } from "./messages/population.js";

// 4. Engine: scenario + ledger → EngineModel → seeded, parallel Monte-Carlo runs.
export { simulateModel, shareHouseholds } from "./engine/simulate.js";
export type { SimulateOptions } from "./engine/simulate.js";
export { engineModelFromScenario } from "./engine/fromScenario.js";
export type { FromScenarioOptions } from "./engine/fromScenario.js";
export { baseEngineModel, blankProgramme, ANY_ELIGIBLE, ENGINE_BEHAVIOURS, ENGINE_TARGETING, ENGINE_DISTS } from "./engine/model.js";
export type { EngineModel, EngineProgramme, EnginePool, EngineEffect, EngineEligibility, EngineDist, EngineBehaviour } from "./engine/model.js";
export { modelMetrics, engineBytesPerHousehold } from "./engine/run.js";
export { defaultThreads } from "./engine/workers.js";
export { PURPOSES, seedStream, streamKey } from "./random/rng.js";
export { normCdf, invNormCdf } from "./random/normal.js";

// 5. Results: summaries, paired differences, manifest, output folders.
export { summarize } from "./results/summarize.js";
export type { Summary, SummarizeOptions, Targets, MetricSummary, TargetSummary, PoolSummary, CostPerExit } from "./results/summarize.js";
export { pairedDifferences } from "./results/paired.js";
export type { PairedDifferences, PairedStat, PairedMetric } from "./results/paired.js";
export { targetsFromScenario } from "./results/targets.js";
export { makeManifest, fundsimVersion } from "./results/manifest.js";
export type { Manifest, PrecisionRecord } from "./results/manifest.js";
export { reconcileSpending, SPENDING_STATUSES } from "./results/reconcile.js";
export type { SpendingRow, SpendingStatus } from "./results/reconcile.js";
export { writeResults, writeComparison, spendingCsv } from "./results/write.js";
export type { ResultSet, Comparison } from "./results/write.js";
export { runToPrecision } from "./results/precision.js";
export { QUANTILES, QUANTILE_DEFINITION } from "./results/stats.js";
export type { Stats, Probability } from "./results/stats.js";
export { CORE_METRICS, valueAt, metricIndex } from "./model/results.js";
export type { RunResults, CoreMetric } from "./model/results.js";

// Pipeline: the stages composed (simulate, compare, report, chart data).
export { simulateScenario } from "./pipeline/simulate.js";
export type { PipelineOptions, Simulation } from "./pipeline/simulate.js";
export { compareVariants } from "./pipeline/compare.js";
export type { CompareOptions, Compared, LoadedVariant } from "./pipeline/compare.js";
export { reportInputFor } from "./pipeline/report.js";
export type { ReportOptions } from "./pipeline/report.js";
export { chartDataFromResults, chartDataFromScenario } from "./pipeline/charts.js";
export { runSensitivity, pointEvaluator, writeSensitivity, DEFAULT_METRIC } from "./pipeline/sensitivity.js";
export type { SensitivityOptions, SensitivityRun, SensitivityFailure, PointEvaluator, Study, StudyInput, StudyMethod, StudyResult } from "./pipeline/sensitivity.js";
export { calibrateScenario, writeCalibration, CALIBRATION_RUNS } from "./pipeline/calibrate.js";
export type { CalibrateOptions, Calibration, CalibratedVariant, CalibrationFailure } from "./pipeline/calibrate.js";
export { loadTargets, targetsFromObject } from "./scenario/targets.js";
export type { CalibrationTargets, CalibrationTarget, FreeSpec } from "./scenario/targets.js";
export { estimateSmm, summariseRuns } from "./calibration/smm.js";
export type { FreeParameter, MomentTarget, MomentSimulator, SmmOptions, SmmResult, FittedParameter, TargetFit } from "./calibration/smm.js";
export { calibrationText } from "./present/calibrationText.js";
export { calibrationCharts } from "./charts/calibration.js";

// 6. Charts, rendering and reports: Vega-Lite specs (en/zh), SVG/PNG/PDF, offline HTML report.
export { CHART_KINDS, isChartKind, buildChart, buildCharts } from "./charts/registry.js";
export type { ChartKind, ChartData, ChartInputMap } from "./charts/registry.js";
export type {
  QuantileBand,
  YearValue,
  FanInput,
  TargetProbabilityInput,
  BudgetInput,
  PerPersonInput,
  BalanceInput,
  PoolInput,
  LossDistribution,
  LendingInput,
  SubsidyInput,
  RelocationSchedule,
  VariantDifferences,
  ExitsVsCost,
  Interval,
  DifferenceMetric,
} from "./charts/types.js";
export {
  resultsChartData,
  exitsFanInput,
  exitTargetProbabilityInput,
  targetProbabilityInput,
  poolFanInput,
  poolLossInput,
  lendingInput,
  subsidyInput,
  cumulativeDepletion,
  exitsVsCostInput,
  variantDifferencesInput,
} from "./charts/adapters.js";
export { ledgerChartData, poolReferences } from "./charts/ledgerAdapters.js";
export type { PoolReferences } from "./charts/ledgerAdapters.js";
export { chartTable, tableToCsv } from "./charts/table.js";
export { formatMoney, formatMoneyInScale, formatNumber, formatPercent, formatPeople, moneyScale } from "./messages/format.js";
export { theme, FONT_FAMILY, PALETTE } from "./charts/theme.js";
export { renderSvg, toVega } from "./render/svg.js";
export { renderPng, svgToPng } from "./render/png.js";
export { renderPdf, svgToPdf } from "./render/pdf.js";
export { renderAs, formatFromPath, CHART_FORMATS } from "./render/formats.js";
export type { ChartFormat } from "./render/formats.js";
export { findFonts } from "./render/fonts.js";
export { renderReportHtml } from "./render/html.js";
export type { ReportPage, ReportSection, Block } from "./render/html.js";
export { reportFacts, reportChartData, assembleReport } from "./report/assemble.js";
export type { ComparedVariant } from "./report/assemble.js";
export { writeReport } from "./report/write.js";
export { buildReportPage } from "./report/page.js";
export { ledgerDisplayTables } from "./report/ledgerTables.js";
export { readResultsDir } from "./report/readResults.js";
export type { ResultsOnDisk } from "./report/readResults.js";
export type { ReportInput, ReportFacts, DisplayTable, ReportCheck } from "./report/types.js";

// 7. Shared types and atomic writes. (The CLI is not part of the library: run it in-process
// with `import { runCapture } from "fundsim/cli"`.)
export type { Lang, Localized } from "./messages/lang.js";
export { writeFileAtomic } from "./io/atomic.js";
export { writeOutputDir, writeOutputFile, checkOutputDir, checkOutputFile, sweepTemporaries, OUTPUT_KINDS } from "./io/outputs.js";
export type { OutputKind, OutputProblem, OutputGuard, FileGuard } from "./io/outputs.js";
export { outputProblem } from "./messages/io.js";
