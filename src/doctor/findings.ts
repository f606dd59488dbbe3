/** One line of the doctor's report. */
export interface Finding {
  check: string;
  /** "note": worth knowing, nothing to fix for this profile; not counted as a warning. */
  status: "passed" | "warning" | "failed" | "skipped" | "note";
  message: string;
  /** What to do; always present on a failure, on a warning when there is something to do. */
  fix?: string;
  /** More of the message, shown with --verbose only (the list of opt-in regions, say). */
  detail?: string;
  /** A passed check shown with --verbose only: a file found, a key well formed. */
  routine?: boolean;
}

export interface Report {
  profile: string;
  region: string | undefined;
  /** True only when the profile's credentials were shown to work in its region. */
  ok: boolean;
  /**
   * Whether the role's credentials worked in the region, even if something else failed (a missing
   * credential_process).
   */
  settingsWork?: boolean;
  findings: Finding[];
}

export const passed = (check: string, message: string, detail?: string): Finding => ({
  check,
  status: "passed",
  message,
  ...(detail ? { detail } : {}),
});
/** A passed check that only --verbose shows. */
export const routine = (check: string, message: string, detail?: string): Finding => ({
  ...passed(check, message, detail),
  routine: true,
});
export const note = (check: string, message: string, fix?: string): Finding => ({
  check,
  status: "note",
  message,
  ...(fix ? { fix } : {}),
});
export const warning = (check: string, message: string, fix?: string): Finding => ({
  check,
  status: "warning",
  message,
  ...(fix ? { fix } : {}),
});
export const failed = (check: string, message: string, fix: string): Finding => ({
  check,
  status: "failed",
  message,
  fix,
});
export const skipped = (check: string, why: string): Finding => ({ check, status: "skipped", message: why });

/**
 * The human report: by default the findings that matter for this profile (failures, warnings,
 * notes, and what the AWS calls showed); --verbose adds routine passes, skipped checks and
 * details. Then a verdict line that agrees with them.
 */
export function formatReport(report: Report, verbose = false): string {
  const shown = report.findings.filter((f) => verbose || (f.status !== "skipped" && !f.routine));
  const lines = shown.map(
    (f) =>
      `${f.status.padEnd(7)} ${f.check}: ` +
      `${f.message}${verbose && f.detail ? ` ${f.detail}` : ""}${f.fix ? `; fix: ${f.fix}` : ""}`,
  );
  const count = (status: Finding["status"]) => report.findings.filter((f) => f.status === status).length;
  const warnings =
    count("warning") === 0 ? "" : ` (${count("warning")} ${count("warning") === 1 ? "warning" : "warnings"})`;
  const where = report.region ?? "its region";
  const tally =
    `(${count("failed")} failed` +
    `${count("warning") ? `, ${count("warning")} ${count("warning") === 1 ? "warning" : "warnings"}` : ""})`;
  const verdict = report.ok
    ? `profile ${report.profile}: credentials work in ${where}${warnings}`
    : report.settingsWork
      ? `profile ${report.profile}: its regional-sts settings work in ${where}, ` +
        `but no AWS tool gets these credentials until the failures above are fixed ${tally}`
      : `profile ${report.profile}: no working credentials in ${where} ${tally}`;
  return `${[...lines, verdict].join("\n")}\n`;
}

/** Every finding, for scripts. */
export function formatReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
