import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";
import { getCredentials } from "../credentials/get-credentials";
import { UserError } from "../errors";
import { CONFLICTING_ENV, credentialEnv, EXEC_PROFILE_ENV } from "../output/credential-env";
import { interactiveShell } from "../platform";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";
import { makeLoggers } from "./log";

const FORWARDED: NodeJS.Signals[] = ["SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2"];

/**
 * `exec [PROFILE] [-- command args]`: runs the command (else the user's shell) with the
 * credentials; exits with its code.
 */
export async function execCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  const profile = command.profile!;
  // Taken before getCredentials, which marks runtime.env for the SDK's own children (the profile
  // chain): the command is not part of that chain and must be free to use any profile.
  const childEnv: Record<string, string | undefined> = { ...runtime.env };
  const outer = runtime.env[EXEC_PROFILE_ENV];
  if (outer && outer !== profile && command.values["allow-nested"] !== true) {
    throw new UserError(`exec: already inside "regional-sts exec" for profile ${outer}`, 1, "Nested", {
      hint: `exit that shell first, or pass --allow-nested to run profile ${profile} inside it`,
    });
  }
  const { log, warn } = makeLoggers(runtime, command.verbose);
  const request = { profile, flags: command.flags, useCache: !command.noCache, log, warn };
  const [file, ...args] = command.args.length > 0 ? command.args : [interactiveShell(runtime.platform, runtime.env)];
  if (command.values.server === true) {
    const { execWithServer } = await import("./exec-server");
    if (command.args.length === 0)
      runtime.stderr.write(
        `regional-sts: starting ${file} with a credentials endpoint for profile ${profile}; exit it to return\n`,
      );
    return execWithServer(
      { request, command: [file!, ...args], baseEnv: { ...childEnv }, verbose: command.verbose },
      runtime,
    );
  }
  const { credentials, settings } = await getCredentials(request, runtime);
  for (const name of CONFLICTING_ENV) delete childEnv[name];
  for (const [name, value] of credentialEnv(credentials, settings.region).set) childEnv[name] = value;
  childEnv[EXEC_PROFILE_ENV] = profile;
  if (command.args.length === 0)
    runtime.stderr.write(
      `regional-sts: starting ${file} with the credentials of profile ${profile}; exit it to return\n`,
    );
  return runChild(file!, args, childEnv, runtime);
}

/** Runs the command with signals passed on; resolves with its exit code (128+n when killed by signal n). */
export function runChild(
  file: string,
  args: string[],
  env: Record<string, string | undefined>,
  runtime: Runtime,
): Promise<number> {
  return new Promise((resolve, reject) => {
    // Handlers go in before the child starts: a signal sent the moment the child is up (it may
    // print before spawn() returns here) must not kill us and orphan the child.
    let child: ChildProcess | undefined;
    const early: NodeJS.Signals[] = [];
    // A terminal's Ctrl-C goes to its whole foreground process group, the child included:
    // forwarding it would deliver it twice, which Terraform reads as "abort now". Whether stdin
    // is a terminal does not tell (`echo | regional-sts exec ...`); being in the terminal's
    // foreground group does. Other senders target us alone.
    const removers = FORWARDED.map((signal) =>
      runtime.onSignal(signal, () => {
        if ((signal === "SIGINT" || signal === "SIGQUIT") && runtime.inTerminalForeground?.() === true) return;
        if (child) child.kill(signal);
        else early.push(signal);
      }),
    );
    child = runtime.spawn(file, args, { stdio: "inherit", env });
    for (const signal of early) child.kill(signal);
    const done = () => {
      for (const remove of removers) remove();
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      done();
      const why = error.code === "ENOENT" ? "command not found" : error.message;
      reject(new UserError(`exec: cannot run ${file}: ${why}`, error.code === "ENOENT" ? 127 : 126, "Exec"));
    });
    child.on("exit", (code, signal) => {
      done();
      resolve(signal ? 128 + (constants.signals[signal] ?? 0) : (code ?? 1));
    });
  });
}
