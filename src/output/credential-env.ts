import type { Credentials } from "../credentials/types";
import { toUtcZ } from "./process-json";
import type { EnvChange } from "./shell";

/** Set by `exec` in its child, so a nested `exec` of another profile is noticed. */
export const EXEC_PROFILE_ENV = "REGIONAL_STS_EXEC_PROFILE";

/**
 * Variables that would make a tool pick other credentials than ours (a profile, a web identity,
 * a container endpoint): removed, so no tool mixes the two.
 */
export const CONFLICTING_ENV = [
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "AWS_SECURITY_TOKEN",
  "AWS_ROLE_ARN",
  "AWS_ROLE_SESSION_NAME",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
];

/** The environment that carries credentials for one profile and region. */
export function credentialEnv(credentials: Credentials, region: string): EnvChange {
  return {
    unset: ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"],
    set: [
      ["AWS_ACCESS_KEY_ID", credentials.accessKeyId],
      ["AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey],
      ["AWS_SESSION_TOKEN", credentials.sessionToken],
      ["AWS_CREDENTIAL_EXPIRATION", toUtcZ(credentials.expiration)],
      ["AWS_REGION", region],
      ["AWS_DEFAULT_REGION", region],
    ],
  };
}
