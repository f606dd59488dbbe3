/**
 * Test credentials, defined once. In-process tests use the fake STS's answer and the source
 * profile's keys below; end-to-end tests use the stand-in's seeded users (SEED in
 * fake-aws/seed.ts), written into credentials files by credentialsFile().
 */

/** Source profile `base` of the in-process tests: static keys. */
export const SOURCE_KEYS = { accessKeyId: "AKIABASE", secretAccessKey: "sourceSecretKey" };

/** What the in-process fake STS answers (test/integration/harness.ts FakeSts). */
export const ISSUED = { secretAccessKey: "fakeSecretAccessKey/abc+", sessionToken: "fakeSessionToken//IQo" };

/** Secrets of the in-process tests that must never reach stderr. */
export const IN_PROCESS_SECRETS = [ISSUED.secretAccessKey, ISSUED.sessionToken, SOURCE_KEYS.secretAccessKey];

/** A credentials file: one section of static keys per profile, in the order given. */
export function credentialsFile(profiles: Record<string, { accessKeyId: string; secretAccessKey: string }>): string {
  return Object.entries(profiles)
    .map(
      ([name, keys]) =>
        `[${name}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
    )
    .join("");
}
