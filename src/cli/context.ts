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
  /** Exit code the command sets: 0 success, 1 invalid input or failed check, 2 usage error. */
  exitCode: number;
}

export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;
