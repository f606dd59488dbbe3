import { join } from "node:path";
import { joinPath } from "../join-path";

export interface ConfigPaths {
  configFile: string;
  credentialsFile: string;
  /** Which environment variable chose each file, for error messages. */
  configFrom?: string;
  credentialsFrom?: string;
}

/** The shared config and credentials files, chosen the way every AWS SDK chooses them. */
export function resolveConfigPaths(env: Record<string, string | undefined>, homeDir: string): ConfigPaths {
  // As the SDKs expand it (path.join normalizes what follows ~/); rare, so off the usual hit path.
  const expand = (p: string) => (p.startsWith("~/") ? join(homeDir, p.slice(2)) : p);
  const config = env.AWS_CONFIG_FILE;
  const credentials = env.AWS_SHARED_CREDENTIALS_FILE;
  return {
    configFile: config ? expand(config) : joinPath(homeDir, ".aws", "config"),
    credentialsFile: credentials ? expand(credentials) : joinPath(homeDir, ".aws", "credentials"),
    ...(config ? { configFrom: "AWS_CONFIG_FILE" } : {}),
    ...(credentials ? { credentialsFrom: "AWS_SHARED_CREDENTIALS_FILE" } : {}),
  };
}
