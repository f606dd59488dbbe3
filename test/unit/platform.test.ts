import { describe, expect, it } from "vitest";
import { version } from "../../package.json";
import { interactiveShell, selfCommand, terminalDevices } from "../../src/platform";
import { versionText } from "../../src/version";

describe("selfCommand: the words configure writes to run regional-sts again", () => {
  it.each([
    ["linux", true, "/usr/local/bin/regional-sts", undefined, ["/usr/local/bin/regional-sts"]],
    ["linux", true, "/usr/local/bin/regional-sts", "credential-process", ["/usr/local/bin/regional-sts"]],
    [
      "linux",
      false,
      "/usr/bin/node",
      "/usr/lib/node_modules/.bin/regional-sts",
      ["/usr/lib/node_modules/.bin/regional-sts"],
    ],
    ["darwin", false, "/opt/homebrew/bin/node", "/opt/homebrew/bin/regional-sts", ["/opt/homebrew/bin/regional-sts"]],
    [
      "win32",
      false,
      "C:\\Program Files\\nodejs\\node.exe",
      "C:\\Users\\u\\AppData\\Roaming\\npm\\node_modules\\regional-sts\\dist\\cli.cjs",
      [
        "C:\\Program Files\\nodejs\\node.exe",
        "C:\\Users\\u\\AppData\\Roaming\\npm\\node_modules\\regional-sts\\dist\\cli.cjs",
      ],
    ],
    ["win32", true, "C:\\tools\\regional-sts.exe", undefined, ["C:\\tools\\regional-sts.exe"]],
    ["linux", false, "/usr/bin/node", undefined, ["/usr/bin/node"]],
  ] as const)("%s, binary %s, %s %s", (platform, binary, execPath, script, expected) => {
    expect(selfCommand({ platform, binary, execPath, script })).toEqual(expected);
  });
});

describe("terminalDevices: where the MFA prompt goes", () => {
  it.each([
    ["linux", { input: "/dev/tty", output: "/dev/tty" }],
    ["darwin", { input: "/dev/tty", output: "/dev/tty" }],
    ["win32", { input: "\\\\.\\CONIN$", output: "\\\\.\\CONOUT$" }],
  ] as const)("%s", (platform, expected) => {
    expect(terminalDevices(platform)).toEqual(expected);
  });
});

describe("interactiveShell: what exec runs without a command", () => {
  it.each([
    ["linux", { SHELL: "/usr/bin/zsh" }, "/usr/bin/zsh"],
    ["linux", {}, "/bin/sh"],
    ["darwin", { SHELL: "/bin/zsh", COMSPEC: "ignored" }, "/bin/zsh"],
    ["win32", { COMSPEC: "C:\\Windows\\system32\\cmd.exe", SHELL: "/usr/bin/bash" }, "C:\\Windows\\system32\\cmd.exe"],
    ["win32", {}, "cmd.exe"],
    ["win32", { COMSPEC: "" }, "cmd.exe"],
  ] as const)("%s %j: %s", (platform, env, expected) => {
    expect(interactiveShell(platform, env)).toBe(expected);
  });
});

describe("versionText", () => {
  it("names the version, commit, Node inside the binary and platform, one per line", () => {
    expect(versionText({ version: "v24.21.0", platform: "linux", arch: "arm64", binary: true }, "1a2b3c4d5e6f")).toBe(
      `regional-sts ${version}\ncommit 1a2b3c4d5e6f\nnode v24.21.0 (built into this binary)\nplatform linux-arm64\n`,
    );
  });

  it("says the npm entry runs on the Node on PATH", () => {
    expect(versionText({ version: "v22.12.0", platform: "win32", arch: "x64", binary: false }, "abc+changes")).toBe(
      `regional-sts ${version}\ncommit abc+changes\nnode v22.12.0 (npm entry, the Node on PATH)\nplatform win32-x64\n`,
    );
  });
});
