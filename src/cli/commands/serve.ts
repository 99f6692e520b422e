/**
 * `fundsim serve [--port P] [--host 127.0.0.1] [--open] [--workers N]` — the workbench: a page to edit a
 * scenario's allocations and see the exact ledger and Monte-Carlo estimates change, and its
 * JSON API (src/server/). This command only starts the server and waits for Ctrl+C.
 */
import { spawn } from "node:child_process";
import type { CommandFactory } from "../command.js";
import { EXIT } from "../context.js";
import { isLang, say } from "../../messages/lang.js";
import { cliHelp } from "../../messages/cli.js";
import { serveListening, serveNotLocal, servePortBad, servePortBusy, servePortDenied, serveWorkersBad } from "../../messages/server.js";

export const DEFAULT_PORT = 8731;

export const serveCommand: CommandFactory = (y, ctx, helpLang) =>
  y.command(
    "serve",
    cliHelp(helpLang).serve,
    (a) =>
      a
        .option("port", { type: "number", default: DEFAULT_PORT, describe: cliHelp(helpLang).servePort })
        .option("host", { type: "string", default: "127.0.0.1", describe: cliHelp(helpLang).serveHost })
        .option("open", { type: "boolean", default: false, describe: cliHelp(helpLang).serveOpen })
        .option("workers", { type: "string", describe: cliHelp(helpLang).serveWorkers }),
    async (argv) => {
      const lang = isLang(argv["lang"]) ? argv["lang"] : "en";
      const port = Number(argv["port"]);
      const host = String(argv["host"]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        ctx.stderr.write(`${say(lang, servePortBad())}\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      const workersArg = argv["workers"] === undefined ? undefined : String(argv["workers"]);
      const workers = workersArg === undefined ? undefined : /^\d+$/.test(workersArg.trim()) ? Number(workersArg) : Number.NaN;
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) {
        ctx.stderr.write(`${say(lang, serveWorkersBad(workersArg ?? ""))}\n`);
        ctx.exitCode = EXIT.usage;
        return;
      }
      const { startServer } = await import("../../server/start.js");
      let server;
      try {
        server = await startServer({ port, host, ...(workers !== undefined ? { workers } : {}) });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE" || code === "EACCES") {
          ctx.stderr.write(`${say(lang, code === "EACCES" ? servePortDenied(port) : servePortBusy(port))}\n`);
          ctx.exitCode = EXIT.usage;
          return;
        }
        throw e;
      }
      const url = `${server.url}?lang=${lang}`;
      if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") ctx.stderr.write(`${say(lang, serveNotLocal(host))}\n`);
      ctx.stdout.write(`${say(lang, serveListening(url))}\n`);
      if (argv["open"] === true) openBrowser(url);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void server.close().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      ctx.exitCode = EXIT.ok;
    },
  );

/** Open `url` in the desktop's browser (best effort; the URL is printed either way). */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", "", url]] : ["xdg-open", [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // no browser to open: the URL is printed
  }
}
