/** What went wrong, for code that reacts to an error (doctor, tests) rather than to its text. */
export type ErrorCode =
  | "Usage"
  | "NoProfile"
  | "ConfigFile"
  | "ConfigParse"
  | "ConfigChanged"
  | "DuplicateProfile"
  | "Unmanaged"
  | "BadProfileName"
  | "NotRoleProfile"
  | "CredentialSource"
  | "Backup"
  | "NoRoleArn"
  | "NoRegion"
  | "BadRegion"
  | "UnknownRegion"
  | "BadRoleArn"
  | "BadDuration"
  | "BadSessionName"
  | "PartitionMismatch"
  | "ChainTooDeep"
  | "NoSourceCredentials"
  | "CaBundle"
  | "MfaProcess"
  | "MfaCode"
  | "BadMfaCode"
  | "MfaRejected"
  | "LockTimeout"
  | "CacheOwner"
  | "CacheLink"
  | "CacheClear"
  | "NotRegionalSts"
  | "TooShort"
  | "NotCached"
  | "BadValue"
  | "NotInConfig"
  | "Nested"
  | "Exec"
  | "NoDoctor"
  | "BrokenInstall"
  | "Cycle"
  | "NoTerminal"
  | "BadMfaSessionSeconds"
  | "UnknownKey"
  | "NoConsole"
  | "NoBrowser"
  | "Federation"
  /** STS answered with an error (the SDK's name is in `cause`), or the network failed. */
  | "Sts"
  | "Network";

/**
 * The one error family the CLI prints: `message` says what is wrong, naming the profile, key or
 * file at fault (lowercase, no final period); `hint` says what to do. Printed as one line,
 * "message; hint". Neither ever contains a secret.
 */
export class UserError extends Error {
  override readonly name = "UserError";
  readonly hint: string | undefined;
  constructor(
    message: string,
    readonly exitCode = 1,
    readonly code?: ErrorCode,
    options?: { cause?: unknown; hint?: string },
  ) {
    super(message, options);
    this.hint = options?.hint;
  }
}

/** Anything wrong on the command line: exit 2, with a pointer to the command's help. */
export class UsageError extends UserError {
  constructor(message: string, command?: string, hint?: string) {
    super(message, 2, "Usage", { hint: hint ?? `see regional-sts help${command ? ` ${command}` : ""}` });
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
    return `regional-sts: ${oneLine(withHint(error))}${stack}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = verbose && error instanceof Error ? `\n${error.stack ?? ""}` : "";
  return `regional-sts: unexpected error: ${oneLine(message)} (run with --verbose for details)${stack}\n`;
}

/** "message; hint", as the error line shows it (also inside a warning). */
export function withHint(error: UserError): string {
  return error.hint ? `${error.message}; ${error.hint}` : error.message;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ").trim();
}

/** What went wrong and what to do, as two strings (doctor shows them apart); `fallback` when the error has no hint. */
export function problemAndFix(error: unknown, fallback: string): { problem: string; fix: string } {
  if (isUserError(error)) return { problem: oneLine(error.message), fix: error.hint ?? fallback };
  return { problem: oneLine(error instanceof Error ? error.message : String(error)), fix: fallback };
}
