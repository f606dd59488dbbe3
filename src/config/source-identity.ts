import { readFileSync } from "node:fs";
import { sha256Hex } from "../cache/sha256";

type Env = Record<string, string | undefined>;

/*
 * Fingerprints of source credentials that come from the environment rather than from a named
 * profile, for the cache key. Each one holds what decides whose credentials they are, so a
 * caller whose environment names another identity never shares an entry with the one that
 * filled it. Secrets (secret keys, session tokens, container tokens, web identity tokens) enter
 * only as a digest; the whole key is hashed again. Order and variables follow the SDK's default
 * chain: https://github.com/aws/aws-sdk-js-v3/blob/main/packages/credential-provider-node/src/defaultProvider.ts
 */

/** A digest of a secret: proves equality, reveals nothing (the key hashes it again). */
export function digest(secret: string | undefined): string {
  return secret ? sha256Hex(secret).slice(0, 32) : "";
}

/** Keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (fromEnv), or undefined when the pair is incomplete. */
export function envKeysFingerprint(env: Env): string | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  return `env:${env.AWS_ACCESS_KEY_ID}:${digest(`${env.AWS_SECRET_ACCESS_KEY}\n${env.AWS_SESSION_TOKEN ?? ""}`)}`;
}

/**
 * The rest of the default chain once no profile gave credentials: a web identity token file
 * (fromTokenFile), container credentials (fromHttp / fromContainerMetadata), else the instance
 * metadata service. Files named here are read: their content is the credential.
 */
export function chainTailFingerprint(env: Env): string {
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) {
    return webIdentityFingerprint(env.AWS_ROLE_ARN, env.AWS_ROLE_SESSION_NAME, env.AWS_WEB_IDENTITY_TOKEN_FILE);
  }
  return containerFingerprint(env) ?? instanceFingerprint(env);
}

/** A web identity: the role, the session name and the token file with its content (the token). */
export function webIdentityFingerprint(roleArn: string, sessionName: string | undefined, tokenFile: string): string {
  return `web-identity:${roleArn}:${sessionName ?? ""}:${tokenFile}:${readSecretFile(tokenFile)}`;
}

/** Container credentials: the endpoint and its authorization token (given, or read from its file). */
export function containerFingerprint(env: Env): string | undefined {
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (!relative && !full) return undefined;
  const tokenFile = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  const token = tokenFile
    ? `file:${tokenFile}:${readSecretFile(tokenFile)}`
    : digest(env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
  return `container:${relative ? `relative:${relative}` : `full:${full}`}:${token}`;
}

/** The instance metadata service, wherever AWS_EC2_METADATA_SERVICE_ENDPOINT points it (or none). */
export function instanceFingerprint(env: Env): string {
  const disabled = env.AWS_EC2_METADATA_DISABLED && env.AWS_EC2_METADATA_DISABLED !== "false";
  if (disabled) return "none";
  return `imds:${env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? ""}:${env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE ?? ""}`;
}

/** A role profile's credential_source (Environment, EcsContainer, Ec2InstanceMetadata). */
export function credentialSourceFingerprint(source: string, env: Env): string {
  if (source === "Environment") return envKeysFingerprint(env) ?? "env:incomplete";
  if (source === "EcsContainer") return containerFingerprint(env) ?? "container:none";
  return instanceFingerprint(env);
}

/** The digest of a file holding a credential; a file that cannot be read makes the SDK fail, so any marker does. */
function readSecretFile(path: string): string {
  try {
    return digest(readFileSync(path, "utf8"));
  } catch (error) {
    return `unreadable-${(error as NodeJS.ErrnoException).code ?? "error"}`;
  }
}
