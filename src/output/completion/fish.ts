import type { CompletionSpec } from "../../cli/completion-spec";

const quoted = (text: string) => `'${text.replace(/[\\']/g, "\\$&")}'`;

/** A fish completion script; profile names come from the program itself (`completion --profiles`). */
export function fishScript(spec: CompletionSpec): string {
  const commands = spec.commands.map(
    ([name, summary]) => `complete -c regional-sts -n __fish_use_subcommand -a ${name} -d ${quoted(summary)}`,
  );
  const byOption = new Map<string, string[]>();
  for (const [cmd, opts] of Object.entries(spec.options))
    for (const opt of opts) byOption.set(opt, [...(byOption.get(opt) ?? []), cmd]);
  const options = [...byOption].map(([opt, cmds]) => {
    const values = spec.profileOptions.includes(opt)
      ? " -x -a '(__regional_sts_profiles)'"
      : spec.values[opt]
        ? ` -x -a ${quoted(spec.values[opt]!.join(" "))}`
        : spec.valued.includes(opt)
          ? " -x"
          : "";
    return `complete -c regional-sts -n '__fish_seen_subcommand_from ${cmds.join(" ")}' -l ${opt.slice(2)}${values}`;
  });
  const header =
    "# regional-sts completion for fish: regional-sts completion fish | source " +
    "(or save it as ~/.config/fish/completions/regional-sts.fish)";
  return `${header}
function __regional_sts_profiles
    set -l program (commandline -opc)[1]
    command $program completion --profiles 2>/dev/null
end

# The command and how many plain words follow it (option values and what follows -- excluded).
function __regional_sts_position
    set -l cmd
    set -l plain 0
    set -l skip 0
    for w in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        test "$w" = "--"; and return 1
        if string match -q -- '-*' $w
            contains -- $w ${spec.valued.join(" ")}; and set skip 1
            continue
        end
        if test -z "$cmd"
            set cmd $w
        else
            set plain (math $plain + 1)
        end
    end
    echo $cmd $plain
end

function __regional_sts_wants_profile
    set -l at (__regional_sts_position); or return 1
    set -l parts (string split ' ' -- $at)
    contains -- $parts[1] ${spec.profileCommands.join(" ")}; and test "$parts[2]" = 0; and return 0
    contains -- $parts[1] ${Object.keys(spec.actions).join(" ")}; and test "$parts[2]" = 1; and return 0
    return 1
end

function __regional_sts_at
    test (__regional_sts_position) = "$argv[1] $argv[2]"
end

complete -c regional-sts -f
${commands.join("\n")}
complete -c regional-sts -n __regional_sts_wants_profile -a '(__regional_sts_profiles)'
${Object.entries(spec.actions)
  .map(([cmd, actions]) => `complete -c regional-sts -n '__regional_sts_at ${cmd} 0' -a ${quoted(actions.join(" "))}`)
  .join("\n")}
complete -c regional-sts -n '__regional_sts_at help 0' -a ${quoted(spec.commands.map(([c]) => c).join(" "))}
complete -c regional-sts -n '__regional_sts_at completion 0' -a 'bash zsh fish powershell'
${options.join("\n")}
`;
}
