import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import PARTS from "../../src/parts.json";
import { ACCOUNT_A_CREDENTIALS, hkConfig } from "../support/hk-profile";
import { needs } from "../support/tools";
import { type E2e, ROOT, useE2e } from "./harness";

// What a user gets from the npm tarball (`npm run pack` packs the same files), installed as
// `npm install -g` would on a clean prefix, run by the AWS CLI against the stand-in.
let e2e: E2e;
useE2e((e) => (e2e = e));

const SDK_MARKERS = ["aws-sdk-js", "STSClient", "AssumeRoleCommand"];

describe("the bundles", () => {
  it.each(Object.entries(PARTS))("%s carries the AWS SDK only where src/parts.json says so", (name, { sdk }) => {
    const text = readFileSync(join(ROOT, "dist", name), "utf8");
    expect(SDK_MARKERS.filter((marker) => text.includes(marker))).toEqual(sdk ? SDK_MARKERS : []);
  });
});

describe("the npm tarball", () => {
  it("holds npm's bin, the bundles, package.json and the README: no sources, tests, maps or .cache", () => {
    const dir = mkdtempSync(join(tmpdir(), "regional-sts-pack-"));
    try {
      const [packed] = JSON.parse(
        execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
          cwd: ROOT,
          encoding: "utf8",
          env: e2e.env(),
        }),
      );
      const files = packed.files.map((f: { path: string }) => f.path).sort();
      expect(files).toEqual(
        ["README.md", "dist/cli.cjs", ...Object.keys(PARTS).map((name) => `dist/${name}`), "package.json"].sort(),
      );
      expect(packed.files.find((f: { path: string }) => f.path === "dist/cli.cjs").mode & 0o111).toBe(0o111);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  needs("aws").it(
    "installs with npm install -g on a clean prefix, offline (no dependencies), and the AWS CLI runs it",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "regional-sts-npm-"));
      try {
        const tarball = join(
          dir,
          JSON.parse(
            execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
              cwd: ROOT,
              encoding: "utf8",
              env: e2e.env(),
            }),
          )[0].filename,
        );
        const prefix = join(dir, "prefix");
        execFileSync("npm", ["install", "-g", "--prefix", prefix, "--offline", "--no-audit", "--no-fund", tarball], {
          cwd: dir,
          env: e2e.env(),
          stdio: "pipe",
        });
        const bin = join(prefix, "bin", "regional-sts");
        expect(realpathSync(bin)).toBe(join(prefix, "lib", "node_modules", "regional-sts", "dist", "cli.cjs"));
        expect(existsSync(join(prefix, "lib", "node_modules", "regional-sts", "node_modules"))).toBe(false);
        expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");

        const version = await e2e.run(bin, ["--version"]);
        expect([version.code, version.stderr]).toEqual([0, ""]);
        expect(version.stdout).toMatch(
          new RegExp(
            /^regional-sts \d+\.\d+\.\d+\ncommit \S+\n/.source +
              /node v\d+\.\d+\.\d+ \(npm entry, the Node on PATH\)\nplatform linux-\w+\n$/.source,
          ),
        );

        e2e.writeFiles(hkConfig(bin), ACCOUNT_A_CREDENTIALS);
        const result = await e2e.run("aws", [
          "--profile",
          "hk-role",
          "sts",
          "get-caller-identity",
          "--region",
          "ap-east-1",
        ]);
        expect([result.code, result.stderr]).toEqual([0, ""]);
        expect(JSON.parse(result.stdout).Arn).toMatch(
          /^arn:aws:sts::222222222222:assumed-role\/katoaki\/regional-sts-/,
        );
        expect(e2e.fake.log.filter((l) => l.action === "AssumeRole").map((l) => `${l.host} ${l.status}`)).toEqual([
          "sts.ap-east-1.amazonaws.com 403",
          "sts.us-east-1.amazonaws.com 200",
        ]);

        execFileSync("npm", ["uninstall", "-g", "--prefix", prefix, "regional-sts"], {
          cwd: dir,
          env: e2e.env(),
          stdio: "pipe",
        });
        expect(existsSync(bin)).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
