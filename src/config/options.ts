/**
 * The one table of profile options. Each row drives: the command-line flag (src/cli/args.ts),
 * precedence (src/config/settings.ts), validation (src/config/validate.ts), what `configure`
 * writes (src/config/configure-plan.ts), the usage text (src/cli/help.ts) and the README's key
 * table (test/unit/options-readme.test.ts fails when the README differs).
 * It is on the cache-hit path: plain data, no imports.
 */
export interface ProfileOption {
  /** Name in the Flags object and in RawSettings. */
  field:
    | "region"
    | "roleArn"
    | "sourceProfile"
    | "durationSeconds"
    | "roleSessionName"
    | "externalId"
    | "mfaSerial"
    | "sourceIdentity"
    | "stsRegion"
    | "mfaProcess"
    | "mfaSessionSeconds"
    | "fips"
    | "dualstack"
    | "caBundle";
  /** Command-line flag without the dashes; none for keys only the profile or environment set. */
  flag?: string;
  /** Placeholder of the flag's value in help; absent for a boolean flag. */
  value?: string;
  /** Key in the profile section. */
  key: string;
  /** Environment variables, in order of precedence. */
  env?: readonly string[];
  /**
   * Whether the environment beats the profile key. The AWS CLI's rule (flag > environment >
   * profile) holds for every variable but the region: a profile named on our command line
   * brings its own region, and `exec`/`env` would otherwise hand a child the region of the
   * shell they were started from (regional-sts documents this in the README's key table).
   */
  envWins?: boolean;
  /** How a value is checked (src/config/validate.ts); a bad flag value is a usage error. */
  check?: "region" | "roleArn" | "duration" | "sessionName" | "mfaSessionDuration";
  /** Whether `configure` writes it, and the standard key `--from-profile` copies it from. */
  configure?: { from?: string };
  /** One line of help (usage text and README). */
  help: string;
}

export const PROFILE_OPTIONS_TABLE: readonly ProfileOption[] = [
  {
    field: "region",
    flag: "region",
    value: "REGION",
    key: "region",
    env: ["AWS_REGION", "AWS_DEFAULT_REGION"],
    check: "region",
    configure: { from: "region" },
    help: "target region; decides the STS endpoint",
  },
  {
    field: "roleArn",
    flag: "role-arn",
    value: "ARN",
    key: "regional_sts_role_arn",
    check: "roleArn",
    configure: { from: "role_arn" },
    help: "the role to assume (required)",
  },
  {
    field: "sourceProfile",
    flag: "source-profile",
    value: "NAME",
    key: "regional_sts_source_profile",
    configure: { from: "source_profile" },
    help: "profile with the source credentials; without it, the SDK's default chain",
  },
  {
    field: "durationSeconds",
    flag: "duration-seconds",
    value: "N",
    key: "duration_seconds",
    check: "duration",
    configure: { from: "duration_seconds" },
    help: "900-43200, default 3600; checked before any call",
  },
  {
    field: "roleSessionName",
    flag: "role-session-name",
    value: "NAME",
    key: "role_session_name",
    check: "sessionName",
    configure: { from: "role_session_name" },
    help: "default regional-sts-$USER (2-64 of letters, digits, +=,.@_-)",
  },
  {
    field: "externalId",
    flag: "external-id",
    value: "ID",
    key: "external_id",
    configure: { from: "external_id" },
    help: "passed to AssumeRole",
  },
  {
    field: "mfaSerial",
    flag: "mfa-serial",
    value: "ARN",
    key: "mfa_serial",
    configure: { from: "mfa_serial" },
    help: "MFA device; the code is asked on the terminal (see MFA)",
  },
  {
    field: "sourceIdentity",
    flag: "source-identity",
    value: "ID",
    key: "source_identity",
    configure: { from: "source_identity" },
    help: "passed to AssumeRole",
  },
  {
    field: "stsRegion",
    flag: "sts-region",
    value: "REGION",
    key: "regional_sts_sts_region",
    check: "region",
    configure: {},
    help: "force the STS endpoint region",
  },
  {
    field: "mfaProcess",
    flag: "mfa-process",
    value: "COMMAND",
    key: "regional_sts_mfa_process",
    configure: {},
    help: "a command whose stdout is the MFA code",
  },
  {
    field: "mfaSessionSeconds",
    key: "regional_sts_mfa_session_seconds",
    check: "mfaSessionDuration",
    help: "length of the MFA session (see MFA): 900-129600, default 43200",
  },
  {
    field: "fips",
    flag: "fips",
    key: "use_fips_endpoint",
    env: ["AWS_USE_FIPS_ENDPOINT"],
    envWins: true,
    help: "FIPS STS endpoints",
  },
  {
    field: "dualstack",
    flag: "dualstack",
    key: "use_dualstack_endpoint",
    env: ["AWS_USE_DUALSTACK_ENDPOINT"],
    envWins: true,
    help: "dual-stack STS endpoints",
  },
  { field: "caBundle", key: "ca_bundle", env: ["AWS_CA_BUNDLE"], envWins: true, help: "CA bundle for STS calls" },
];

/** The prefix of the keys only regional-sts reads; every other key belongs to the AWS tools. */
export const OWN_KEY_PREFIX = "regional_sts_";
/** The keys with that prefix that some row reads: any other is a typo (src/config/validate.ts refuses it). */
export const OWN_KEYS: readonly string[] = PROFILE_OPTIONS_TABLE.map((o) => o.key).filter((k) =>
  k.startsWith(OWN_KEY_PREFIX),
);
