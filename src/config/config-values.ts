import { UserError } from "../errors";

/**
 * Refuses a value that a config file reader would read otherwise than it was given, before
 * anything is written. A control character (a line break above all) would start a new line
 * (a second credential_process, which the JS SDK then runs, and a file the AWS CLI cannot
 * parse); the JS SDK and regional-sts cut a value at a ";" or "#" that starts it or follows a
 * space ((^|\s)[;#] in @smithy/shared-ini-file-loader) while botocore's RawConfigParser keeps
 * it whole, and quoting does not help since neither reader unquotes; every reader trims spaces.
 */
export function checkConfigValue(profile: string, what: string, value: string, exitCode: number): void {
  const refuse = (why: string, fix: string) => {
    throw new UserError(`configure ${profile}: ${what} ${why}`, exitCode, "BadValue", { hint: fix });
  };
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.exec(value);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    refuse(
      `contains a control character (U+${code}${/[\r\n\u2028\u2029\u0085]/u.test(control[0]) ? ", a line break" : ""})`,
      "a config file value is one line of printable characters",
    );
  }
  const comment = /(^|\s)[;#]/.exec(value);
  if (comment) {
    refuse(
      `contains "${comment[0]}", where the JS SDK and regional-sts see a comment and the AWS CLI does not`,
      `remove the ${comment[0].trim()}${comment[1] ? " or the space before it" : ""}`,
    );
  }
  if (value !== value.trim()) refuse("starts or ends with a space, which every reader drops", "remove it");
}
