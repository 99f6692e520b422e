/**
 * Stage 2: the budget ledger — exact, year-by-year sources and uses (see build.ts).
 *
 * @example
 * import { buildLedger, ledgerCsv } from "./ledger/index.js";
 * process.stdout.write(ledgerCsv(buildLedger(loaded.scenario), "zh"));
 */
export { buildLedger } from "./build.js";
export type { LedgerOptions } from "./build.js";
export type * from "./types.js";
export { USE_KINDS, CHECK_CODES, CHECK_SEVERITIES } from "./types.js";
export { ledgerTables, showMoney } from "./tables.js";
export type { LedgerTable } from "./tables.js";
export { ledgerCsv, CSV_COLUMNS } from "./csv.js";
export { ledgerJson, toPlain, LEDGER_JSON_VERSION } from "./json.js";
export { ledgerNumbers } from "./numbers.js";
export type { LedgerNumbers, ProgrammeNumbers, ScheduleNumbers, PoolNumbers } from "./numbers.js";
export { labelText } from "../messages/label.js";
