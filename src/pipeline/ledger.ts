/**
 * Stage 2 on its own, for `fundsim ledger`: the budget ledger of a loaded scenario over
 * its years, and the ledger's CSV and JSON forms.
 *
 * @example
 * const ledger = ledgerFor(loaded);
 * process.stdout.write(ledgerCsv(ledger, "zh"));
 */
import { buildLedger } from "../ledger/build.js";
import type { Ledger } from "../ledger/types.js";
import type { LoadedScenario } from "../scenario/types.js";

export { ledgerCsv } from "../ledger/csv.js";
export { ledgerJson } from "../ledger/json.js";
export { fundsimVersion } from "../results/manifest.js";

/** The budget ledger of `loaded` over the years it was loaded for. */
export const ledgerFor = (loaded: LoadedScenario): Ledger => buildLedger(loaded.scenario, { years: loaded.years });

import { toPlain } from "../ledger/json.js";
/** The ledger as plain JSON data (Decimals as exact strings), as `ledgerJson` writes it. */
export const ledgerData = (l: Ledger): Record<string, unknown> => ({ format: "fundsim-ledger", ...(toPlain(l) as Record<string, unknown>) });
