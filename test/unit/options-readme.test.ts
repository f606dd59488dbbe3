import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { keyTableMarkdown } from "../../src/cli/help";

it("the README's key table is what src/config/options.ts makes (paste this test's expected text on a change)", () => {
  const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
  const table = /<!-- keys:start[^>]*-->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
  expect(table).toBe(keyTableMarkdown());
});
