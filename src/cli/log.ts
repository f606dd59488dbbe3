import type { Runtime } from "../runtime";

/** stderr loggers: `log` only with --verbose, `warn` always. Callers never pass secrets. */
export function makeLoggers(
  runtime: Runtime,
  verbose: boolean,
): { log(message: string): void; warn(message: string): void } {
  return {
    log: (message) => {
      if (verbose) runtime.stderr.write(`regional-sts: ${message}\n`);
    },
    warn: (message) => runtime.stderr.write(`regional-sts: warning: ${message}\n`),
  };
}
