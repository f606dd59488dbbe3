import { configuredProfiles } from "../cache/profile-keys";
import { loadConfig } from "../config/load";
import { resolveConfigPaths } from "../config/paths";
import { UsageError } from "../errors";
import { bashScript } from "../output/completion/bash";
import { fishScript } from "../output/completion/fish";
import { powershellScript } from "../output/completion/powershell";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";
import { completionSpec, SHELLS, type Shell } from "./completion-spec";

/**
 * `completion bash|zsh|fish|powershell` prints a completion script; `completion --profiles`
 * (what those scripts call) prints the profile names of both config files, one a line.
 */
export async function completionCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  if (command.values.profiles === true) {
    const config = await loadConfig(resolveConfigPaths(runtime.env, runtime.homeDir));
    const names = configuredProfiles(config);
    runtime.stdout.write(names.length > 0 ? `${names.join("\n")}\n` : "");
    return 0;
  }
  const [shell] = command.args;
  if (shell === undefined || !(SHELLS as readonly string[]).includes(shell)) {
    throw new UsageError(
      `completion: ${shell === undefined ? "no shell given" : `unknown shell ${shell}`}`,
      "completion",
      `name one: ${SHELLS.join(", ")}`,
    );
  }
  const spec = completionSpec();
  const scripts: Record<Shell, () => string> = {
    bash: () => bashScript(spec, false),
    zsh: () => bashScript(spec, true),
    fish: () => fishScript(spec),
    powershell: () => powershellScript(spec),
  };
  runtime.stdout.write(scripts[shell as Shell]());
  return 0;
}
