import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["node_modules/**", "dist/**"],
    // Vitest's default leaves a core free: one worker on a 2-core machine, where test:unit then took
    // 31 s instead of 21 s (most of a file's time is its worker starting and importing).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Fails the run if any stderr captured by a harness contains a secret (test/support/stderr-capture.ts).
    // Which of zsh, fish, the AWS CLI, boto3 ... are here: tests that need a missing one skip (test/support/tools.ts).
    globalSetup: ["test/support/secret-scan.global.ts", "test/support/tools.global.ts"],
    setupFiles: ["test/support/secret-scan.setup.ts"],
    // In-process SDK clients would print the SDK's Node 20 notice into every test's output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
