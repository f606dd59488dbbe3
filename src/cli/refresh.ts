import { REFRESH_WINDOW_MS } from "../cache/entry";
import { getCredentials, loadProfileSettings } from "../credentials/get-credentials";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

/**
 * `refresh PROFILE`: assumes the role now (asking for the MFA code on the terminal if the
 * profile needs one) and fills the cache, so the next tool, which may have no terminal, is
 * served from it. Prints what it got and until when: never a key id, secret or token.
 */
export async function refreshCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const profile = command.profile!;
  const { log, warn } = makeLoggers(runtime, command.verbose);
  const { settings: checked } = await loadProfileSettings(profile, command.flags, runtime);
  if (checked.durationSeconds * 1000 <= REFRESH_WINDOW_MS) {
    throw new UserError(
      `refresh: profile ${profile} has duration_seconds ${checked.durationSeconds}, ` +
        `and credentials with 15 minutes or less left are never served from the cache`,
      1,
      "TooShort",
      { hint: "raise duration_seconds" },
    );
  }
  const started = runtime.now();
  const { credentials, settings, cached } = await getCredentials(
    { profile, flags: command.flags, useCache: true, freshSince: started, log, warn },
    runtime,
  );
  const minutes = Math.floor((Date.parse(credentials.expiration) - runtime.now()) / 60_000);
  const got =
    `profile ${profile}: credentials for ${settings.role.arn} (account ${credentials.accountId}), ` +
    `valid until ${credentials.expiration} (${minutes} minutes)`;
  // An unusable cache folder costs credential-process a warning; here it defeats the purpose.
  if (cached !== true) {
    throw new UserError(
      `${got}, but they could not be cached in ${runtime.cacheDir}, so other tools will not see them`,
      1,
      "NotCached",
      { hint: "fix the cache folder (see the warning above)" },
    );
  }
  runtime.stdout.write(`${got}, cached for every tool\n`);
  return 0;
}
