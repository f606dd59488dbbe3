import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, expect, it } from "vitest";
import { credentialsFile } from "../support/credentials.js";
import { allHostNames, SEED } from "../support/fake-aws/index.js";
import { needs } from "../support/tools.js";

/** Needs root (or user namespaces) to make a private mount + network namespace. */
const canUnshare = spawnSync("unshare", ["-m", "-n", "true"]).status === 0;
let dir = "";

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

(canUnshare ? needs("aws").it : it.skip)(
  "answers on 127.0.0.1:443 for the real names inside a private namespace",
  async () => {
    dir = await mkdtemp(join(tmpdir(), "fake-aws-ns-"));
    await build({
      entryPoints: ["test/support/fake-aws/cli.ts"],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      outfile: join(dir, "fake-aws.cjs"),
      logLevel: "silent",
    });
    await writeFile(
      join(dir, "hosts"),
      `127.0.0.1 localhost\n${allHostNames()
        .map((h) => `127.0.0.1 ${h}`)
        .join("\n")}\n`,
    );
    await writeFile(join(dir, "credentials"), credentialsFile({ default: SEED.alice }));
    const script = [
      "set -e",
      "ip link set lo up",
      `mount --bind "$D/hosts" /etc/hosts`,
      `"$NODE" "$D/fake-aws.cjs" --listen 127.0.0.1:443 --no-proxy --cert-dir "$D/certs" > "$D/ready.json" &`,
      "FAKE=$!",
      'for i in $(seq 100); do [ -s "$D/ready.json" ] && break; sleep 0.05; done',
      'export HOME="$D" AWS_CA_BUNDLE="$D/certs/ca.pem" AWS_SHARED_CREDENTIALS_FILE="$D/credentials" ' +
        "AWS_CONFIG_FILE=/dev/null",
      `"$AWS" sts get-caller-identity --region ap-northeast-1 --query Arn --output text`,
      `"$AWS" ec2 describe-instances --region ap-east-1 2>&1 || true`,
      "kill $FAKE",
      "wait $FAKE",
    ].join("\n");
    const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", D: dir, NODE: process.execPath, AWS: "aws" };
    const out = execFileSync("unshare", ["-m", "-n", "sh", "-c", script], { env, encoding: "utf8", timeout: 30_000 });
    expect(out.trim().split("\n")).toEqual([
      "arn:aws:iam::111111111111:user/alice",
      "",
      "An error occurred (AuthFailure) when calling the DescribeInstances operation: " +
        "AWS was not able to validate the provided access credentials",
    ]);
  },
  30_000,
);
