import { UserError } from "../errors";

export interface RoleArn {
  arn: string;
  partition: string;
  accountId: string;
  roleName: string;
}

export const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/** Parses an IAM role ARN; `where` names the profile key or flag it came from. */
export function parseRoleArn(arn: string, where: string): RoleArn {
  const match = ROLE_ARN.exec(arn);
  if (!match) {
    throw new UserError(`${where}: "${arn}" is not an IAM role ARN`, 1, "BadRoleArn", {
      hint: "use arn:aws:iam::123456789012:role/NAME",
    });
  }
  return { arn, partition: match[1]!, accountId: match[2]!, roleName: match[4]! };
}
