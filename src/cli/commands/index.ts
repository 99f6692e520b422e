/** The command list. Each command lives in its own file and is registered here. */
import type { CommandFactory } from "../command.js";

export const commands: readonly CommandFactory[] = [];
