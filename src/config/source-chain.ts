import { PROFILE_OPTIONS } from "../cli/args";
import { UserError } from "../errors";
import type { Section, SectionMap } from "./load";
import {
  chainTailFingerprint,
  credentialSourceFingerprint,
  digest,
  envKeysFingerprint,
  webIdentityFingerprint,
} from "./source-identity";
import { configuredStsEndpoint } from "./sts-endpoint";

/** Environment variable carrying the profiles already being resolved, to child processes. */
export const CHAIN_ENV = "REGIONAL_STS_PROFILE_CHAIN";
const MAX_DEPTH = 8;

export interface SourceChain {
  /** Profiles visited, starting with the one served. */
  profiles: string[];
  /** Stable description of where the source credentials come from (secrets only as digests). */
  fingerprint: string;
  /** The STS endpoint configured for the served profile (an emulator's, say), if any. */
  stsEndpoint?: string;
}

interface Files {
  profiles: SectionMap;
  credentials: SectionMap;
}

/**
 * Follows the source profiles the way the SDK will resolve them and refuses a chain that leads
 * back to a profile already on it (including one inherited from a parent regional-sts process
 * through CHAIN_ENV), before any process is started. The fingerprint identifies the source
 * credentials without resolving them, so the cache can be keyed on them cheaply (see "The cache
 * key" in docs/design.md for why that is safe).
 */
export function walkSourceChain(
  profile: string,
  sourceProfile: string | undefined,
  files: Files,
  env: Record<string, string | undefined>,
): SourceChain {
  const inherited = (env[CHAIN_ENV] ?? "").split(",").filter(Boolean);
  const visited = [...inherited];
  const hops: string[] = [];
  const servedByChild = new Set<string>();
  let current: string | undefined = profile;
  let next = nextOf(sourceProfile, files, env, hops);
  while (current !== undefined) {
    if (visited.includes(current)) throw cycleError([...visited, current]);
    visited.push(current);
    if (visited.length - inherited.length > MAX_DEPTH) {
      throw new UserError(
        `profile ${profile}: source profiles nest deeper than ${MAX_DEPTH} (${visited.join(" -> ")})`,
        1,
        "ChainTooDeep",
        { hint: "shorten the chain" },
      );
    }
    current = next;
    if (current !== undefined) next = hopFrom(current, files, env, hops, servedByChild);
  }
  const stsEndpoint = configuredStsEndpoint(profileSection(profile, files) ?? {}, files.profiles, env);
  return {
    profiles: visited.slice(inherited.length),
    fingerprint: hops.join("|"),
    ...(stsEndpoint ? { stsEndpoint } : {}),
  };
}

function cycleError(chain: string[]): UserError {
  return new UserError(`source profile cycle: ${chain.join(" -> ")}`, 1, "Cycle", {
    hint: `point regional_sts_source_profile of ${chain[chain.length - 2]} at a profile with its own credentials`,
  });
}

/** The profile the served profile takes its credentials from (explicit, or the SDK default chain's). */
function nextOf(
  source: string | undefined,
  files: Files,
  env: Record<string, string | undefined>,
  hops: string[],
): string | undefined {
  if (source !== undefined) return source;
  // The SDK's default chain: keys in the environment unless AWS_PROFILE is set, then that
  // profile (or default), then web identity, container and instance credentials.
  const envKeys = env.AWS_PROFILE ? undefined : envKeysFingerprint(env);
  if (envKeys) {
    hops.push(envKeys);
    return undefined;
  }
  const implicit = env.AWS_PROFILE || "default";
  if (!profileSection(implicit, files)) {
    hops.push(chainTailFingerprint(env));
    return undefined;
  }
  return implicit;
}

function hopFrom(
  name: string,
  files: Files,
  env: Record<string, string | undefined>,
  hops: string[],
  servedByChild: Set<string>,
): string | undefined {
  const section = profileSection(name, files);
  if (!section) {
    hops.push(`missing:${name}`);
    return undefined;
  }
  const served = regionalStsTarget(section.credential_process);
  // A profile reached through `regional-sts --profile X` is served by our child process, which
  // follows X's regional_sts_source_profile whatever X's own credential_process says.
  if (servedByChild.has(name) && section.regional_sts_role_arn !== undefined) {
    hops.push(`regional-sts:${name}`);
    return nextOf(section.regional_sts_source_profile, files, env, hops);
  }
  if (section.role_arn && (section.source_profile || section.credential_source)) {
    hops.push(`role:${section.role_arn}`);
    if (!section.source_profile) hops.push(credentialSourceFingerprint(section.credential_source!, env));
    return section.source_profile;
  }
  if (section.role_arn && section.web_identity_token_file) {
    hops.push(webIdentityFingerprint(section.role_arn, section.role_session_name, section.web_identity_token_file));
    return undefined;
  }
  if (section.aws_access_key_id) {
    const secret = `${section.aws_secret_access_key ?? ""}\n${section.aws_session_token ?? ""}`;
    hops.push(`static:${section.aws_access_key_id}:${digest(secret)}`);
    return undefined;
  }
  if (served !== undefined) {
    hops.push(`regional-sts:${served}`);
    if (served !== name) {
      servedByChild.add(served);
      return served;
    }
    return nextOf(section.regional_sts_source_profile, files, env, hops);
  }
  if (section.credential_process) hops.push(`process:${section.credential_process}`);
  else if (section.sso_session || section.sso_start_url) {
    hops.push(`sso:${section.sso_session ?? section.sso_start_url}:${section.sso_account_id}:${section.sso_role_name}`);
  } else {
    // No credentials in this profile: the default chain goes on (a source profile named
    // explicitly fails instead, and then nothing is cached).
    hops.push(`other:${name}`, chainTailFingerprint(env));
  }
  return undefined;
}

/** Merges the config profile with the credentials-file section of the same name. */
export function profileSection(name: string, files: Files): Section | undefined {
  const config = files.profiles[name];
  const credentials = files.credentials[name];
  if (!config && !credentials) return undefined;
  return { ...config, ...credentials };
}

/** The profile a `credential_process` line asks regional-sts for, if it calls regional-sts at all. */
export function regionalStsTarget(commandLine: string | undefined): string | undefined {
  if (!commandLine || !/regional-sts/.test(commandLine)) return undefined;
  const match = /--profile(?:=|\s+)("([^"]*)"|'([^']*)'|(\S+))/.exec(commandLine);
  if (match) return match[2] ?? match[3] ?? match[4];
  // Or as the argument: the first word after credential-process that is neither an option nor its value.
  const words = [...commandLine.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => ({
    word: m[1] ?? m[2] ?? m[3]!,
    quoted: m[3] === undefined,
  }));
  const start = words.findIndex((w) => w.word === "credential-process");
  for (let i = start + 1; start >= 0 && i < words.length; i++) {
    const { word, quoted } = words[i]!;
    if (quoted || !word.startsWith("-")) return word;
    if (!word.includes("=") && PROFILE_OPTIONS[word.slice(2)]?.type === "string") i++;
  }
  return undefined;
}
