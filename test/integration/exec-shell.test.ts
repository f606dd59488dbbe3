import type { ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import type { Runtime } from "../../src/runtime";
import { makeWorld, ROLE, type World } from "./harness";

/** exec without a command, on each platform: which shell starts (the e2e test runs a real one on Linux). */
const CONFIG = `[profile eu]
region = eu-west-1
regional_sts_role_arn = ${ROLE}
regional_sts_source_profile = base
`;

let world: World;
beforeEach(() => {
  world = makeWorld(CONFIG);
});
afterEach(() => world.cleanup());

async function shellStarted(platform: NodeJS.Platform, env: Record<string, string>) {
  const spawned: string[][] = [];
  let stderr = "";
  const runtime: Runtime = {
    argv: ["exec", "eu"],
    env: { ...world.env, ...env },
    homeDir: world.root,
    cacheDir: world.cacheDir,
    now: () => Date.parse("2026-03-01T10:00:00Z"),
    stdout: { write: () => {} },
    stderr: { write: (t) => void (stderr += t) },
    selfCommand: { program: "regional-sts" },
    pid: process.pid,
    uid: process.getuid?.(),
    processAlive: () => true,
    platform,
    connectSts: world.sts.connectSts,
    readMfaCode: async () => "",
    onSignal: () => () => {},
    spawn: (command, args) => {
      spawned.push([command, ...args]);
      const child = new EventEmitter() as ChildProcess;
      setImmediate(() => child.emit("exit", 0, null));
      return child;
    },
  };
  const code = await run(runtime);
  return { code, spawned, stderr };
}

describe("exec without a command starts the user's shell", () => {
  it.each([
    ["linux", { SHELL: "/bin/zsh" }, "/bin/zsh"],
    ["linux", { SHELL: "" }, "/bin/sh"],
    ["darwin", {}, "/bin/sh"],
    ["win32", { COMSPEC: "C:\\Windows\\system32\\cmd.exe", SHELL: "/usr/bin/bash" }, "C:\\Windows\\system32\\cmd.exe"],
    ["win32", {}, "cmd.exe"],
  ] as const)("%s with %j: %s", async (platform, env, shell) => {
    expect(await shellStarted(platform, env)).toEqual({
      code: 0,
      spawned: [[shell]],
      stderr: `regional-sts: starting ${shell} with the credentials of profile eu; exit it to return\n`,
    });
  });
});
