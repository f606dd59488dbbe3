/** One line of the doctor's report. */
export interface Finding {
  check: string;
  status: "passed" | "warning" | "failed" | "skipped";
  message: string;
  /** What to do; always present on a failure, sometimes on a warning. */
  fix?: string;
}

export interface Report {
  profile: string;
  region: string | undefined;
  /** True only when the profile's credentials were shown to work in its region. */
  ok: boolean;
  findings: Finding[];
}

export const passed = (check: string, message: string): Finding => ({ check, status: "passed", message });
export const warning = (check: string, message: string, fix?: string): Finding => ({ check, status: "warning", message, ...(fix ? { fix } : {}) });
export const failed = (check: string, message: string, fix: string): Finding => ({ check, status: "failed", message, fix });
export const skipped = (check: string, why: string): Finding => ({ check, status: "skipped", message: why });

/** The human report: one line per check, then a verdict line. */
export function formatReport(report: Report): string {
  const lines = report.findings.map((f) => `${f.status.padEnd(7)} ${f.check}: ${f.message}${f.fix ? `; fix: ${f.fix}` : ""}`);
  const counts = (status: Finding["status"]) => report.findings.filter((f) => f.status === status).length;
  const where = report.region ?? "its region";
  const verdict = report.ok
    ? `profile ${report.profile}: credentials work in ${where} (${counts("warning")} warning(s))`
    : `profile ${report.profile}: no working credentials in ${where} (${counts("failed")} failed, ${counts("warning")} warning(s))`;
  return `${lines.join("\n")}\n${verdict}\n`;
}

/** The same findings for scripts. */
export function formatReportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
