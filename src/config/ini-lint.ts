/**
 * The SDK's INI parser silently skips lines it does not understand, so a typo such as
 * `[profile hk-role` (no closing bracket) surfaces later as a baffling "profile not found".
 * This finds the first such line with the SDK's own rules (comments start with # or ; at the
 * start or after a space; a line is a [section] or name = value).
 * A section named __proto__ makes the SDK's loader give up on the whole file just as quietly.
 * Says only the 1-based line number and the problem: the line itself may hold a secret key.
 */
export function findMalformedIniLine(text: string): { line: number; problem: string } | undefined {
  const bad = (i: number, problem = "is neither a [section] nor name = value") => ({ line: i + 1, problem });
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.split(/(^|\s)[;#]/)[0]!.trim();
    if (line === "") continue;
    if (line.startsWith("[")) {
      if (!line.endsWith("]") || line.length < 3) return bad(i);
      if (line.slice(1, -1).trim().split(/\s+/).pop() === "__proto__") return bad(i, "names a section __proto__, which the AWS SDKs refuse");
      continue;
    }
    if (line.indexOf("=") <= 0) return bad(i);
  }
  return undefined;
}
