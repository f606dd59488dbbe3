/**
 * The one error family the CLI prints. `message` is a complete sentence naming the profile,
 * key or file at fault and what to do; it never contains a secret.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad command line: exit 2 with usage, like most Unix tools. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(`${message} (see regional-sts help)`, 2, "Usage");
  }
}

/**
 * True for any UserError, also one thrown by the separately bundled SDK part (dist/sdk.js),
 * whose class is a different copy.
 */
export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && error.name === "UserError" && typeof (error as UserError).exitCode === "number";
}

/** Formats any thrown value as the single stderr line; stack only when verbose. */
export function formatError(error: unknown, verbose: boolean): string {
  if (isUserError(error)) {
    const stack = verbose && error.cause instanceof Error ? `\n${error.cause.stack ?? ""}` : "";
    return `regional-sts: ${oneLine(error.message)}${stack}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = verbose && error instanceof Error ? `\n${error.stack ?? ""}` : "";
  return `regional-sts: unexpected error: ${oneLine(message)} (run with --verbose for details)${stack}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").trim();
}
