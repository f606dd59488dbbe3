export const VERSION = "0.1.0";

export const USAGE = `Usage: regional-sts <command> --profile NAME [options]

Commands:
  credential-process   print credential_process JSON (use in ~/.aws/config)
  env                  print variables for a shell: eval "$(regional-sts env --profile p)"
                       --format sh|fish|powershell|dotenv|json (default sh)
  exec -- CMD [ARGS]   run CMD with the credentials; exits with its code
                       --allow-nested: allow exec inside another profile's exec
  help                 show this text
  version              print the version

Options for every credentials command (each overrides the profile key):
  --profile NAME             profile to serve (required)
  --region REGION            target region (region)
  --role-arn ARN             role to assume (regional_sts_role_arn)
  --source-profile NAME      profile with the source credentials (regional_sts_source_profile)
  --duration-seconds N       900-43200 (duration_seconds)
  --role-session-name NAME   (role_session_name)
  --external-id ID           (external_id)
  --mfa-serial ARN           (mfa_serial)
  --mfa-process COMMAND      command printing the MFA code (regional_sts_mfa_process)
  --source-identity ID       (source_identity)
  --sts-region REGION        force the STS endpoint region (regional_sts_sts_region)
  --fips, --dualstack        FIPS / dual-stack STS endpoints
  --no-cache                 neither read nor write the credentials cache
  -v, --verbose              explain each step on stderr (never secrets)
`;
