/** Values that would end a quoted string or run a command in some shell, if quoted carelessly. */
export const HOSTILE_VALUES = [
  `it's`, `"double"`, "$(touch pwned)", "`touch pwned`", "${HOME}", "$HOME", "line1\nline2\n", "cr\rlf",
  "back\\slash\\", "\\'", "semi; touch pwned", "glob * ?", "tab\tx", "‘curly’ ‚low‛", "%PATH%", "!!", "(touch pwned)", "{a,b}",
  "ünïcødé", "",
];
