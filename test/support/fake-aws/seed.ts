/** The ready-made story used by tests, demos and the standalone CLI. */
import type { Scenario } from "./model.js";

export const SEED = {
  /** Account A: has NOT enabled ap-east-1; global endpoint issues v1 tokens. */
  accountA: "111111111111",
  /** Account B: owns the roles; has enabled ap-east-1; STS deactivated in sa-east-1. */
  accountB: "222222222222",
  /** Account C: has enabled ap-east-1 (contrast with A). */
  accountC: "333333333333",
  /** Account D: GlobalEndpointTokenVersion 2. */
  accountD: "444444444444",
  /** China partition account. */
  accountCn: "555555555555",
  alice: {
    name: "alice",
    accessKeyId: "AKIAALICEEXAMPLE0001",
    secretAccessKey: "aliceSecret/K7MDENG/bPxRfiCYEXAMPLEKEY0001",
  },
  /** A second key pair of account A whose user may not call iam:GetAccountSummary. */
  aliceRestricted: {
    name: "alice-restricted",
    accessKeyId: "AKIAALICEEXAMPLE0002",
    secretAccessKey: "aliceRestricted/K7MDENG/bPxRfiCYEXAMPLE02",
    denyGetAccountSummary: true,
  },
  carol: {
    name: "carol",
    accessKeyId: "AKIACAROLEXAMPLE0001",
    secretAccessKey: "carolSecret/K7MDENG/bPxRfiCYEXAMPLEKEY0001",
  },
  dave: {
    name: "dave",
    accessKeyId: "AKIADAVEEXAMPLE00001",
    secretAccessKey: "daveSecret/K7MDENG/bPxRfiCYEXAMPLEKEY00001",
  },
  chen: {
    name: "chen",
    accessKeyId: "AKIACHENEXAMPLE00001",
    secretAccessKey: "chenSecret/K7MDENG/bPxRfiCYEXAMPLEKEY00001",
  },
  roleKatoaki: "arn:aws:iam::222222222222:role/katoaki",
  roleMfaAdmin: "arn:aws:iam::222222222222:role/mfa-admin",
  /** A second role behind the same MFA device (one prompt for both: GetSessionToken). */
  roleMfaOps: "arn:aws:iam::222222222222:role/mfa-ops",
  roleExternal: "arn:aws:iam::222222222222:role/partner",
  roleLong: "arn:aws:iam::222222222222:role/long-session",
  externalId: "partner-external-id-42",
  mfaSerial: "arn:aws:iam::111111111111:mfa/alice",
  mfaCode: "123456",
  roleCn: "arn:aws-cn:iam::555555555555:role/cn-deployer",
} as const;

/** A fresh copy each call (the fake mutates accounts, e.g. SetSecurityTokenServicePreferences). */
export function seedScenario(): Scenario {
  const trusted = [SEED.accountA, SEED.accountB, SEED.accountC, SEED.accountD];
  return {
    accounts: [
      {
        id: SEED.accountA,
        users: [{ ...SEED.alice }, { ...SEED.aliceRestricted }],
        globalEndpointTokenVersion: 1,
        enabledOptInRegions: [],
      },
      {
        id: SEED.accountB,
        globalEndpointTokenVersion: 1,
        enabledOptInRegions: ["ap-east-1"],
        stsDisabledRegions: ["sa-east-1"],
      },
      {
        id: SEED.accountC,
        users: [{ ...SEED.carol }],
        globalEndpointTokenVersion: 1,
        enabledOptInRegions: ["ap-east-1"],
      },
      { id: SEED.accountD, users: [{ ...SEED.dave }], globalEndpointTokenVersion: 2, enabledOptInRegions: [] },
      { id: SEED.accountCn, partition: "aws-cn", users: [{ ...SEED.chen }] },
    ],
    roles: [
      { arn: SEED.roleKatoaki, trustedAccounts: trusted },
      { arn: SEED.roleMfaAdmin, trustedAccounts: trusted, mfaRequired: true },
      { arn: SEED.roleMfaOps, trustedAccounts: trusted, mfaRequired: true },
      { arn: SEED.roleExternal, trustedAccounts: trusted, externalId: SEED.externalId },
      { arn: SEED.roleLong, trustedAccounts: trusted, maxSessionDurationSeconds: 43200 },
      { arn: SEED.roleCn, trustedAccounts: [SEED.accountCn] },
    ],
    mfaCodes: { [SEED.mfaSerial]: SEED.mfaCode },
  };
}
