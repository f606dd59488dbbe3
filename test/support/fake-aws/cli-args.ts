/** Command-line flags of the standalone fake (pure: no I/O). */
import type { FakeAwsOptions } from "./server.js";

export interface CliArgs {
  options: FakeAwsOptions;
  adminPort: number;
}

/** Throws on unknown flags or malformed values. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options: FakeAwsOptions = { proxy: { port: 0 } };
  let adminPort = 0;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag ?? ""} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = value();
      if (!/^\d+$/.test(v)) throw new Error(`${flag ?? ""}: not a number: ${v}`);
      return Number(v);
    };
    if (flag === "--listen") {
      const v = value();
      const colon = v.lastIndexOf(":");
      if (colon < 0) throw new Error(`--listen wants HOST:PORT, got ${v}`);
      options.listen = { host: v.slice(0, colon).replace(/^\[|\]$/g, ""), port: Number(v.slice(colon + 1)) };
    } else if (flag === "--proxy-port") options.proxy = { port: int() };
    else if (flag === "--no-proxy") options.proxy = false;
    else if (flag === "--no-listen") options.listen = false;
    else if (flag === "--cert-dir") options.certDir = value();
    else if (flag === "--delay-ms") options.delayMs = int();
    else if (flag === "--admin-port") adminPort = int();
    else throw new Error(`unknown argument: ${flag ?? ""}`);
  }
  return { options, adminPort };
}
