import type { SourceChain } from "../config/source-chain";
import { UserError } from "../errors";

/**
 * Console sign-in through the federation endpoint: getSigninToken turns role credentials into a
 * sign-in token, and the login URL (valid 15 minutes) opens the console with it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
 */
interface PartitionConsole {
  /** The partition's sign-in host; regional credentials (version 2) are accepted there for every region. */
  signinHost(region: string): string;
  /** The console host for a region. */
  consoleHost(region: string): string;
}

const PARTITIONS: Readonly<Record<string, PartitionConsole>> = {
  aws: { signinHost: () => "signin.aws.amazon.com", consoleHost: (r) => `${r}.console.aws.amazon.com` },
  "aws-cn": { signinHost: () => "signin.amazonaws.cn", consoleHost: () => "console.amazonaws.cn" },
  "aws-us-gov": { signinHost: () => "signin.amazonaws-us-gov.com", consoleHost: () => "console.amazonaws-us-gov.com" },
  // The European Sovereign Cloud has no partition-wide sign-in host: the SDK's own endpoint rules
  // for AWS Sign-In give only {region}.signin.amazonaws-eusc.eu there (@aws-sdk/nested-clients,
  // submodules/signin/endpoint). Its console is console.amazonaws-eusc.eu.
  "aws-eusc": { signinHost: (r) => `${r}.signin.amazonaws-eusc.eu`, consoleHost: () => "console.amazonaws-eusc.eu" },
};

/** The partition's console hosts, or a clear refusal for partitions without a public console (ISO). */
export function partitionConsole(partition: string, profile: string): PartitionConsole {
  const found = Object.hasOwn(PARTITIONS, partition) ? PARTITIONS[partition] : undefined;
  if (!found)
    throw new UserError(
      `profile ${profile}: console sign-in is not available in partition ${partition}`,
      1,
      "NoConsole",
      { hint: "use that partition's own sign-in page" },
    );
  return found;
}

/**
 * Where the browser lands: the region's console home, or `--destination` (a path such as
 * `ec2/home`, or a full https URL of the partition's console), always with the region.
 */
export function destinationUrl(partition: PartitionConsole, region: string, destination: string | undefined): string {
  if (destination && /^https:\/\//.test(destination)) return destination;
  const path = (destination ?? "console/home").replace(/^\/+/, "");
  const url = new URL(`https://${partition.consoleHost(region)}/${path}`);
  if (!url.searchParams.has("region")) url.searchParams.set("region", region);
  return url.toString();
}

/**
 * SessionDuration (900 to 43,200 s) may only be sent for credentials of a role assumed with an
 * IAM user's keys: for role-chained credentials (the source was itself a role session) the
 * federation endpoint answers 400, so it is left out and the console session lasts 1 hour.
 */
export function consoleSessionSeconds(chained: boolean, durationSeconds: number): number | undefined {
  return chained ? undefined : Math.min(Math.max(durationSeconds, 900), 43_200);
}

/**
 * Whether the role was assumed with session credentials, for which SessionDuration must not be
 * sent: a role session (another role, SSO, a credential process, the default chain's instance
 * or container role), temporary keys, or an MFA session (AWS asks for "an IAM user with
 * long-term credentials" there, page above). Only long-term keys used directly are not.
 */
export function isRoleChained(
  chain: SourceChain,
  sourceSection: Readonly<Record<string, string | undefined>> | undefined,
  env: Record<string, string | undefined>,
  viaMfaSession: boolean,
): boolean {
  if (viaMfaSession) return true;
  const first = chain.fingerprint.split("|")[0] ?? "";
  if (first.startsWith("env:")) return Boolean(env.AWS_SESSION_TOKEN);
  if (first.startsWith("static:")) return Boolean(sourceSection?.aws_session_token);
  return true;
}

export interface SessionKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export function signinTokenUrl(host: string, keys: SessionKeys, sessionSeconds: number | undefined): string {
  const session = JSON.stringify({
    sessionId: keys.accessKeyId,
    sessionKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
  });
  const query = new URLSearchParams({
    Action: "getSigninToken",
    ...(sessionSeconds === undefined ? {} : { SessionDuration: String(sessionSeconds) }),
    Session: session,
  });
  return `https://${host}/federation?${query.toString()}`;
}

/** The URL that signs in: it carries the sign-in token (good for 15 minutes), never the keys. */
export function loginUrl(host: string, destination: string, signinToken: string): string {
  const query = new URLSearchParams({
    Action: "login",
    Issuer: "regional-sts",
    Destination: destination,
    SigninToken: signinToken,
  });
  return `https://${host}/federation?${query.toString()}`;
}
