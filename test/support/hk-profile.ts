import { SEED } from "./fake-aws/index";

/** The seed story's profiles: hk-role (ap-east-1) assumed with account A's static keys. */
export function hkConfig(binary: string): string {
  return `
[profile account-a]
region = us-east-1
[profile hk-role]
region = ap-east-1
credential_process = "${binary}" credential-process --profile hk-role
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = account-a
`;
}

export const HK_CREDENTIALS = `
[account-a]
aws_access_key_id = ${SEED.alice.accessKeyId}
aws_secret_access_key = ${SEED.alice.secretAccessKey}
`;

export const HK_ARN = "arn:aws:sts::222222222222:assumed-role/katoaki/regional-sts-tester";
