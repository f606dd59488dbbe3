import type { LoadedConfig, Section } from "./load";
import { profileSection, regionalStsTarget } from "./source-chain";

/** How a profile gets its credentials, as `list` reports it. */
export type Served = "regional-sts" | "convertible" | "no";

export interface ProfileRow {
  profile: string;
  served: Served;
  region: string | undefined;
  roleArn: string | undefined;
  section: Section;
}

/**
 * Every profile of both files, by name (sso-session and services sections are not profiles):
 * whether regional-sts serves it, or `configure --from-profile` could convert it (a role_arn
 * profile). Pure, one pass: thousands of profiles take milliseconds.
 */
export function listProfiles(
  config: Pick<LoadedConfig, "profiles" | "credentials">,
  env: Record<string, string | undefined>,
): ProfileRow[] {
  const names = new Set(
    [...Object.keys(config.profiles), ...Object.keys(config.credentials)].filter(
      (n) => !/^(sso-session|services)\./.test(n),
    ),
  );
  // Code-unit order, not localeCompare: the ICU collator costs more than everything else on 3,000 names.
  return [...names]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((profile) => {
      const section = profileSection(profile, config) ?? {};
      const served: Served =
        section.regional_sts_role_arn || regionalStsTarget(section.credential_process) !== undefined
          ? "regional-sts"
          : section.role_arn
            ? "convertible"
            : "no";
      return {
        profile,
        served,
        region: section.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
        roleArn: section.regional_sts_role_arn || section.role_arn || undefined,
        section,
      };
    });
}
