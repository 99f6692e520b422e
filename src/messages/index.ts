/**
 * Every user-facing message, in English and Chinese.
 *
 * One module per pipeline stage (scenario, ledger, engine, report, cli), re-exported
 * here, so that code and tests refer to a message by function, never by copied text.
 */
export * from "./lang.js";
export * as cliMsg from "./cli.js";
export * as chartsMsg from "./charts.js";
export * as reportMsg from "./report.js";
export * as scenarioMsg from "./scenario.js";
export * as ledgerMsg from "./ledger.js";
export * as populationMsg from "./population.js";
export * as resultsMsg from "./results.js";
export * as ioMsg from "./io.js";
export * as serverMsg from "./server.js";
export * as workbenchMsg from "./workbench.js";
