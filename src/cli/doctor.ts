import { formatReport, formatReportJson } from "../doctor/findings";
import { runDoctor } from "../doctor/run-doctor";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import type { ParsedCommand } from "./command-line";

/**
 * `doctor [PROFILE]`: every check from the files to a call in the target region, one line each;
 * exit 0 only when the profile's credentials work in its region. Never reads or writes the
 * cache's credentials: it assumes the role afresh, because that is what it tests.
 */
export async function doctorCommand(command: ParsedCommand, runtime: Runtime): Promise<number> {
  if (!runtime.connectDoctor) {
    throw new UserError("doctor: this build cannot make AWS calls (no connectDoctor in the runtime)", 1, "NoDoctor", {
      hint: "reinstall regional-sts",
    });
  }
  const report = await runDoctor(command.profile!, command.flags, runtime, runtime.connectDoctor);
  runtime.stdout.write(command.values.json === true ? formatReportJson(report) : formatReport(report, command.verbose));
  return report.ok ? 0 : 1;
}
