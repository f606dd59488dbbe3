/**
 * Standalone fake AWS with the seed scenario.
 *   node dist/fake-aws.cjs [--listen HOST:PORT] [--proxy-port N] [--no-proxy] [--cert-dir DIR]
 *                          [--delay-ms N] [--admin-port N]
 * Prints one JSON line {"caPath","directUrl","proxyUrl","adminUrl"} when ready; stops on SIGTERM/SIGINT.
 */
import { startAdminServer } from "./admin.js";
import { parseCliArgs } from "./cli-args.js";
import { startFakeAwsServer } from "./server.js";

async function main(): Promise<void> {
  const { options, adminPort } = parseCliArgs(process.argv.slice(2));
  const fake = await startFakeAwsServer(options);
  const admin = await startAdminServer(fake, adminPort);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    Promise.all([admin.close(), fake.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdout.write(
    `${JSON.stringify({
      caPath: fake.caPath,
      directUrl: fake.directUrl ?? null,
      proxyUrl: fake.proxyUrl ?? null,
      adminUrl: admin.url,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-aws: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
