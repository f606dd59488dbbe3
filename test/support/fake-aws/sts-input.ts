/** AssumeRole parameter validation, with STS's own messages. */
import { Validation } from "./context.js";

const NAME = /[\w+=,.@-]*/;

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  sourceIdentity?: string;
}

/** Throws ValidationError ("N validation errors detected: ...") like STS. */
export function readAssumeRoleInput(params: Map<string, string>): AssumeRoleInput {
  const roleArn = params.get("RoleArn");
  const sessionName = params.get("RoleSessionName");
  const durationText = params.get("DurationSeconds");
  const optional = {
    externalId: params.get("ExternalId"),
    serialNumber: params.get("SerialNumber"),
    tokenCode: params.get("TokenCode"),
    sourceIdentity: params.get("SourceIdentity"),
  };
  const v = new Validation();
  v.required("roleArn", roleArn);
  v.text("roleArn", roleArn, 20, 2048);
  v.required("roleSessionName", sessionName);
  v.text("roleSessionName", sessionName, 2, 64, NAME);
  const durationSeconds = durationText === undefined ? 3600 : Number(durationText);
  if (durationText !== undefined) {
    v.check(
      Number.isInteger(durationSeconds) && durationSeconds >= 900,
      "durationSeconds",
      durationText,
      "Member must have value greater than or equal to 900",
    );
    v.check(
      durationSeconds <= 43200,
      "durationSeconds",
      durationText,
      "Member must have value less than or equal to 43200",
    );
  }
  v.text("externalId", optional.externalId, 2, 1224, /[\w+=,.@:/-]*/);
  v.text("serialNumber", optional.serialNumber, 9, 256, /[\w+=/:,.@-]*/);
  v.text("tokenCode", optional.tokenCode, 6, 6, /[\d]*/);
  v.text("sourceIdentity", optional.sourceIdentity, 2, 64, NAME);
  v.throwIfAny();
  const input: AssumeRoleInput = { roleArn: roleArn ?? "", sessionName: sessionName ?? "", durationSeconds };
  for (const [k, val] of Object.entries(optional)) {
    if (val !== undefined) Object.assign(input, { [k]: val });
  }
  return input;
}
