import { loadConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { profileSection, walkSourceChain } from "../config/source-chain";
import { openBrowser } from "../console/browser";
import type { FederationAnswer } from "../console/federation";
import {
  consoleSessionSeconds,
  destinationUrl,
  isRoleChained,
  loginUrl,
  partitionConsole,
  signinTokenUrl,
} from "../console/signin-url";
import { getCredentials } from "../credentials/get-credentials";
import { mfaSessionSource } from "../credentials/mfa-session";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

/**
 * `console [PROFILE]`: the AWS console as the profile's role, in its region. The login URL is
 * the only output (with --url); it carries a sign-in token good for 15 minutes, never the keys.
 */
export async function consoleCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const profile = command.profile!;
  const values = command.values;
  const { log, warn } = makeLoggers(runtime, command.verbose);
  const baseEnv = { ...runtime.env };
  const { credentials, settings } = await getCredentials(
    { profile, flags: command.flags, useCache: !command.noCache, log, warn },
    runtime,
  );
  const partition = partitionConsole(settings.role.partition, profile);
  const config = await loadConfig(resolveConfigPaths(baseEnv, runtime.homeDir));
  const chain = walkSourceChain(settings.profile, settings.sourceProfile, config, baseEnv);
  const sourceSection = chain.profiles[1] ? profileSection(chain.profiles[1], config) : undefined;
  const viaMfaSession = !command.noCache && mfaSessionSource(settings, chain, config, baseEnv) !== undefined;
  const seconds = consoleSessionSeconds(
    isRoleChained(chain, sourceSection, baseEnv, viaMfaSession),
    settings.durationSeconds,
  );
  const session =
    seconds === undefined
      ? "credentials assumed with session credentials: " +
        "no SessionDuration (AWS refuses it; the console session lasts 1 hour)"
      : `console session of ${seconds} s`;
  log(`profile ${profile}: ${session}`);
  const host = partition.signinHost(settings.region);
  const token = await fetchSigninToken(runtime, profile, host, signinTokenUrl(host, credentials, seconds), settings);
  const url = loginUrl(
    host,
    destinationUrl(partition, settings.region, values.destination as string | undefined),
    token,
  );
  if (values.url === true) {
    runtime.stdout.write(`${url}\n`);
    return 0;
  }
  await openBrowser(runtime, url);
  log(`profile ${profile}: opened the console of ${settings.region} in the browser`);
  return 0;
}

async function fetchSigninToken(
  runtime: Runtime,
  profile: string,
  host: string,
  url: string,
  settings: { caBundle?: string; caBundleOrigin?: string },
): Promise<string> {
  const where = `the sign-in endpoint https://${host}/federation`;
  let answer: FederationAnswer;
  try {
    answer = await runtime.fetchFederation!(url, {
      env: runtime.env,
      caBundle: settings.caBundle,
      caBundleOrigin: settings.caBundleOrigin,
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new UserError(`profile ${profile}: cannot reach ${where} (${e.code ?? e.message})`, 1, "Network", {
      cause: error,
      hint: "check the network and proxy settings",
    });
  }
  const token = answer.status === 200 ? signinTokenOf(answer.body) : undefined;
  if (token) return token;
  const detail =
    answer.body
      .split(/\r?\n/)
      .find((l) => l.trim() !== "")
      ?.trim()
      .slice(0, 200) ?? "";
  throw new UserError(
    `profile ${profile}: ${where} answered HTTP ${answer.status}${detail ? ` (${detail})` : ""}`,
    1,
    "Federation",
    {
      hint: "the role's credentials were not accepted for console sign-in",
    },
  );
}

function signinTokenOf(body: string): string | undefined {
  try {
    const token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
    return typeof token === "string" && token !== "" ? token : undefined;
  } catch {
    return undefined;
  }
}
