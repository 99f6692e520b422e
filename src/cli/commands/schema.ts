/** `fundsim schema` — print the JSON Schema of the scenario format (for editors). */
import type { CommandFactory } from "../command.js";
import { cliHelp } from "../../messages/cli.js";

export const schemaCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "schema",
    cliHelp(helpLang).schema,
    (a) => a,
    async () => {
      const { scenarioJsonSchema } = await import("../../pipeline/load.js");
      ctx.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    },
  );
