export const VERSION = "0.1.0";

export const USAGE = `Usage: regional-sts <command> --profile NAME [options]

Commands:
  credential-process   print credential_process JSON (use in ~/.aws/config)
  env                  print variables for a shell: eval "$(regional-sts env --profile p)"
                       --format sh|fish|powershell|dotenv|json (default sh)
                       fish: regional-sts env --profile p --format fish | source
  exec -- CMD [ARGS]   run CMD with the credentials (AWS_PROFILE and other conflicting
                       AWS_* removed); passes SIGTERM/SIGHUP on; exits with its code
                       (128+n when killed by signal n)
                       --allow-nested: allow exec inside another profile's exec
  doctor               check a profile end to end; exit 0 only if it works in its region
                       --json: the findings as JSON
  configure NAME       write [profile NAME] to the config file (backup kept, rest untouched)
                       --role-arn ARN --source-profile SRC --region REGION [other options]
                       --from-profile OLD: convert a role_arn + source_profile profile
                       --force: replace a profile regional-sts does not manage
  cache list           cached entries: profile, role, expiry (never secrets); --json
  cache clear          remove cached credentials; --profile NAME: only that profile's
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

MFA: with mfa_serial set, the code is asked on the terminal (/dev/tty), once for
all parallel callers; without a terminal, set regional_sts_mfa_process.
Network: HTTPS_PROXY, HTTP_PROXY, NO_PROXY and AWS_CA_BUNDLE (or ca_bundle in the
profile) apply to every STS call.
`;
