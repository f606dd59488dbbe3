import type { Section, SectionMap } from "./load";

type Env = Record<string, string | undefined>;

/**
 * The STS endpoint URL configured for a profile, or undefined for the SDK's own regional host.
 * regional-sts decides it here, once, and hands it to the STS client (which then ignores its own
 * configured-endpoint lookup), so the cache key and the call always name the same endpoint: an
 * emulator's credentials (LocalStack, moto) never answer a call to AWS, nor the reverse.
 * Precedence as the AWS SDKs and tools reference documents it (the AWS CLI agrees; the JS SDK
 * reads the config file only for AWS_PROFILE's profile and after both variables):
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
 */
export function configuredStsEndpoint(section: Section, profiles: SectionMap, env: Env): string | undefined {
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? section.ignore_configured_endpoint_urls)) return undefined;
  const services = section.services ? profiles[`services.${section.services}`] : undefined;
  return (
    nonEmpty(env.AWS_ENDPOINT_URL_STS) ??
    nonEmpty(services?.["sts.endpoint_url"]) ??
    nonEmpty(env.AWS_ENDPOINT_URL) ??
    nonEmpty(section.endpoint_url)
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === "true";
}
