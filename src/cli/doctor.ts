import { runDoctor } from "../doctor/run-doctor";
import { formatReport, formatReportJson } from "../doctor/findings";
import { UserError } from "../errors";
import type { Runtime } from "../runtime";
import { flagsFrom, parseCommandArgs, PROFILE_OPTIONS, requireProfile } from "./args";

const OPTIONS = { ...PROFILE_OPTIONS, json: { type: "boolean" } } as const;

/**
 * `doctor`: every check from the files to a call in the target region, one line each; exit 0
 * only when the profile's credentials work in its region. Never reads or writes the cache's
 * credentials: it assumes the role afresh, because that is what it tests.
 */
export async function doctorCommand(args: readonly string[], runtime: Runtime): Promise<number> {
  const { values } = parseCommandArgs("doctor", args, OPTIONS);
  const profile = requireProfile("doctor", values);
  if (!runtime.connectDoctor) {
    throw new UserError("doctor: this build cannot make AWS calls (no connectDoctor in the runtime); reinstall regional-sts", 1, "NoDoctor");
  }
  const report = await runDoctor(profile, flagsFrom(values), runtime, runtime.connectDoctor);
  runtime.stdout.write(values.json === true ? formatReportJson(report) : formatReport(report));
  return report.ok ? 0 : 1;
}
