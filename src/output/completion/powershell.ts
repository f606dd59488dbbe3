import type { CompletionSpec } from "../../cli/completion-spec";

const list = (items: readonly string[]) => `@(${items.map((i) => `'${i}'`).join(", ")})`;

/** A PowerShell native argument completer; profile names come from the program itself (`completion --profiles`). */
export function powershellScript(spec: CompletionSpec): string {
  const options = Object.entries(spec.options)
    .map(([cmd, opts]) => `        '${cmd}' = ${list(opts)}`)
    .join("\n");
  const values = Object.entries(spec.values)
    .map(([opt, vs]) => `        '${opt}' = ${list(vs)}`)
    .join("\n");
  const header =
    "# regional-sts completion for PowerShell: " +
    "regional-sts completion powershell | Out-String | Invoke-Expression (in $PROFILE)";
  // The words before the cursor; for a command that takes an action, the action and then a profile.
  const beforeCursor = "Where-Object { $_.Extent.StartOffset -lt $cursorPosition }";
  const actionThenProfile = "if ($plain -eq 0) { $actions[$cmd] } elseif ($plain -eq 1) { & $profiles }";
  return `${header}
Register-ArgumentCompleter -Native -CommandName 'regional-sts' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $commands = ${list(spec.commands.map(([c]) => c))}
    $options = @{
${options}
    }
    $values = @{
${values}
    }
    $actions = @{
${Object.entries(spec.actions)
  .map(([cmd, actions]) => `        '${cmd}' = ${list(actions)}`)
  .join("\n")}
    }
    $valued = ${list(spec.valued)}
    $words = @($commandAst.CommandElements | ${beforeCursor} | ForEach-Object { $_.Extent.Text })
    if ($wordToComplete -ne '' -and $words.Count -gt 0) { $words = @($words[0..($words.Count - 2)]) }
    $program = $words[0]
    $prev = if ($words.Count -gt 1) { $words[-1] } else { '' }
    $cmd = $null; $plain = 0; $skip = $false
    foreach ($w in @($words | Select-Object -Skip 1)) {
        if ($skip) { $skip = $false; continue }
        if ($w -eq '--') { return }
        if ($w.StartsWith('-')) { if ($valued -contains $w) { $skip = $true }; continue }
        if ($null -eq $cmd) { $cmd = $w } else { $plain++ }
    }
    $profiles = { & $program completion --profiles 2>$null }
    $candidates =
        if ($null -eq $cmd -and -not $wordToComplete.StartsWith('-')) { $commands }
        elseif (${list(spec.profileOptions)} -contains $prev) { & $profiles }
        elseif ($values.ContainsKey($prev)) { $values[$prev] }
        elseif ($valued -contains $prev) { @() }
        elseif ($wordToComplete.StartsWith('-')) { if ($options.ContainsKey($cmd)) { $options[$cmd] } else { @() } }
        elseif ($actions.ContainsKey($cmd)) { ${actionThenProfile} }
        elseif ($cmd -eq 'help' -and $plain -eq 0) { $commands }
        elseif ($cmd -eq 'completion' -and $plain -eq 0) { @('bash', 'zsh', 'fish', 'powershell') }
        elseif (${list(spec.profileCommands)} -contains $cmd -and $plain -eq 0) { & $profiles }
    @($candidates) | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`;
}
