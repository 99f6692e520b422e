/**
 * Process entry point. Runs the CLI and turns any escaped exception into a short
 * message (a bug report request), never a raw stack trace.
 */
import { buildCli, cliLang, UsageError } from "./buildCli.js";
import { EXIT } from "./context.js";
import type { CliContext, Output } from "./context.js";
import { say } from "../messages/lang.js";
import { unexpected, usageHint } from "../messages/cli.js";

export interface RunOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI with the given streams; resolves to the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const lang = cliLang(argv, ctx.env);
  try {
    let helpOut = "";
    await buildCli(argv, ctx).parseAsync([...argv], {}, (err, _argv, output) => {
      if (!err && output) helpOut = output;
    });
    if (helpOut) ctx.stdout.write(`${helpOut}\n`);
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.stderr.write(`${e.message}\n\n${say(lang, usageHint())}\n`);
      ctx.exitCode = EXIT.usage;
      return ctx.exitCode;
    }
    const detail = e instanceof Error ? e.message : String(e);
    ctx.stderr.write(`${say(lang, unexpected(detail))}\n`);
    if (process.env["FUNDSIM_DEBUG"] && e instanceof Error && e.stack) ctx.stderr.write(`${e.stack}\n`);
    ctx.exitCode = 70;
  }
  return ctx.exitCode;
}

/**
 * Run in-process and capture everything (for tests and notebooks). The language comes from
 * `--lang` and `env` only (none by default), not from this process's environment, so
 * results do not depend on the machine's locale.
 */
export async function runCapture(argv: readonly string[], cwd = process.cwd(), env: Readonly<Record<string, string | undefined>> = {}): Promise<RunOutcome> {
  let out = "";
  let errOut = "";
  const ctx: CliContext = {
    stdout: { write: (t) => void (out += t) },
    stderr: { write: (t) => void (errOut += t) },
    cwd,
    isTTY: false,
    env,
    exitCode: 0,
  };
  const exitCode = await runCli(argv, ctx);
  return { exitCode, stdout: out, stderr: errOut };
}

/**
 * A process stream as an Output. When the reader goes away (`fundsim schema | head`), the
 * stream fails with EPIPE; further output is dropped quietly instead of ending the process
 * with Node's unhandled-error stack trace. The command still finishes (files it writes with
 * --out are complete).
 */
export function streamOutput(stream: NodeJS.WritableStream): Output {
  let closed = false;
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") closed = true;
    else throw e;
  });
  return { write: (t) => void (closed || stream.write(t)) };
}

/** Entry for bin/fundsim.js. */
export async function main(argv: readonly string[]): Promise<number> {
  const ctx: CliContext = {
    stdout: streamOutput(process.stdout),
    stderr: streamOutput(process.stderr),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    onSignal: (handler) => {
      const on = (s: "SIGINT" | "SIGTERM") => () => handler(s);
      const int = on("SIGINT");
      const term = on("SIGTERM");
      process.on("SIGINT", int);
      process.on("SIGTERM", term);
      return () => {
        process.off("SIGINT", int);
        process.off("SIGTERM", term);
      };
    },
    exitCode: 0,
  };
  return runCli(argv, ctx);
}
