import { credentialsFile } from "./credentials";
import { SEED } from "./fake-aws/index";

/** Account A's profile block (no credential settings: the keys are in ACCOUNT_A_CREDENTIALS). */
export const ACCOUNT_A_PROFILE = `[profile account-a]
region = us-east-1
`;

/** Account A's static keys, as a credentials file. */
export const ACCOUNT_A_CREDENTIALS = credentialsFile({ "account-a": SEED.alice });

/** The seed story's profiles: hk-role (ap-east-1) assumed with account A's static keys. */
export function hkConfig(binary: string): string {
  return `
${ACCOUNT_A_PROFILE}[profile hk-role]
region = ap-east-1
credential_process = "${binary}" credential-process --profile hk-role
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = account-a
`;
}

export const HK_ARN = "arn:aws:sts::222222222222:assumed-role/katoaki/regional-sts-tester";
