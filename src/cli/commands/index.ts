/** The command list. Each command lives in its own file and is registered here. */
import type { CommandFactory } from "../command.js";
import { validateCommand } from "./validate.js";
import { schemaCommand } from "./schema.js";
import { describeCommand } from "./describe.js";
import { ledgerCommand } from "./ledger.js";
import { simulateCommand } from "./simulate.js";
import { compareCommand } from "./compare.js";
import { chartCommand } from "./chart.js";
import { reportCommand } from "./report.js";
import { sensitivityCommand } from "./sensitivity.js";
import { calibrateCommand } from "./calibrate.js";
import { optimiseCommand } from "./optimise.js";
import { mergeCommand, shardCommand } from "./shard.js";
import { workerCommand } from "./queue.js";
import { exportXlsxCommand, templateXlsxCommand } from "./exportXlsx.js";
import { serveCommand } from "./serve.js";

export const commands: readonly CommandFactory[] = [
  validateCommand,
  schemaCommand,
  describeCommand,
  ledgerCommand,
  exportXlsxCommand,
  templateXlsxCommand,
  simulateCommand,
  compareCommand,
  chartCommand,
  reportCommand,
  sensitivityCommand,
  calibrateCommand,
  optimiseCommand,
  shardCommand,
  mergeCommand,
  workerCommand,
  serveCommand,
];
