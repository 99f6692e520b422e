/**
 * What a command needs from the outside world. Tests pass buffers; `main` passes the
 * process streams. Commands never touch `process` directly.
 */

export interface Output {
  write(text: string): void;
}

export interface CliContext {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  /** True when stderr is an interactive terminal (progress bars are shown only then). */
  readonly isTTY: boolean;
  /** Environment variables read for the language (LC_ALL, LC_MESSAGES, LANG); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Take over Ctrl-C (SIGINT) and SIGTERM while a long command runs (`simulate --queue`,
   * `worker`): the handler is called for each signal instead of the process ending; the
   * returned function gives them back. Absent in tests and notebooks (no signals there).
   */
  readonly onSignal?: (handler: (signal: "SIGINT" | "SIGTERM") => void) => () => void;
  /** Exit code the command sets: 0 success, 1 invalid input or failed check, 2 usage error. */
  exitCode: number;
}

/** 130: stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, interrupted: 130 } as const;
