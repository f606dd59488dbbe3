import type { CompletionSpec } from "../../cli/completion-spec";

const words = (list: readonly string[]) => list.join(" ");
/** The command substitution that asks the program for its profile names. */
const PROFILES = '$(command "$1" completion --profiles 2>/dev/null)';

/**
 * A bash completion function (zsh runs it through bashcompinit). Profile names are asked of the
 * program itself (`completion --profiles`) at each completion, so they follow the config files
 * and AWS_CONFIG_FILE as regional-sts reads them.
 */
export function bashScript(spec: CompletionSpec, zsh: boolean): string {
  const optionCases = Object.entries(spec.options)
    .map(([cmd, opts]) => `    ${cmd}) opts="${words(opts)}" ;;`)
    .join("\n");
  const actionCases = Object.entries(spec.actions)
    .map(
      ([cmd, actions]) => `    ${cmd})
      if ((plain == 0)); then COMPREPLY=($(compgen -W "${words(actions)}" -- "$cur"))
      elif ((plain == 1)); then COMPREPLY=($(compgen -W "${PROFILES}" -- "$cur")); fi ;;`,
    )
    .join("\n");
  const valueCases = Object.entries(spec.values)
    .map(([opt, values]) => `    ${opt}) COMPREPLY=($(compgen -W "${words(values)}" -- "$cur")); return ;;`)
    .join("\n");
  const commands = words(spec.commands.map(([c]) => c));
  const header = zsh
    ? '# regional-sts completion for zsh: eval "$(regional-sts completion zsh)" in ~/.zshrc\n' +
      "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit }\n" +
      "autoload -U +X bashcompinit && bashcompinit\n"
    : '# regional-sts completion for bash: eval "$(regional-sts completion bash)" in ~/.bashrc\n';
  return `${header}
_regional_sts() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd= w opts= plain=0 i
  COMPREPLY=()
  # --name=value: bash splits at "=".
  if [[ $prev == = ]]; then prev=\${COMP_WORDS[COMP_CWORD-2]}; fi
  if [[ $cur == = ]]; then cur=; fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if [[ $w == -- ]]; then COMPREPLY=($(compgen -c -- "$cur")); return; fi
    if [[ $w == = ]]; then ((i++)); continue; fi
    if [[ $w == -* ]]; then
      case " ${words(spec.valued)} " in *" $w "*) ((i++)) ;; esac
      continue
    fi
    if [[ -z $cmd ]]; then cmd=$w; else ((plain++)); fi
  done
  if [[ -z $cmd && $cur != -* ]]; then COMPREPLY=($(compgen -W "${commands}" -- "$cur")); return; fi
  case $prev in
    ${spec.profileOptions.join("|")}) COMPREPLY=($(compgen -W "${PROFILES}" -- "$cur")); return ;;
${valueCases}
    ${spec.valued.join("|")}) return ;;
  esac
  if [[ $cur == -* ]]; then
    case $cmd in
${optionCases}
    esac
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    return
  fi
  case $cmd in
${actionCases}
    completion) ((plain == 0)) && COMPREPLY=($(compgen -W "bash zsh fish powershell" -- "$cur")) ;;
    help) ((plain == 0)) && COMPREPLY=($(compgen -W "${words(spec.commands.map(([c]) => c))}" -- "$cur")) ;;
    ${spec.profileCommands.join("|")})
      ((plain == 0)) && COMPREPLY=($(compgen -W "${PROFILES}" -- "$cur")) ;;
  esac
}
complete -F _regional_sts regional-sts
`;
}
