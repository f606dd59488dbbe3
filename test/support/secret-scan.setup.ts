import { afterAll } from "vitest";
import { scanCaptures } from "./secret-scan.global";
import { CAPTURE_DIR_ENV } from "./stderr-capture";

// Suite-wide secret check, part 3 (vitest setupFiles): after each test file, scan everything
// captured so far, so a leak fails a visible test file and not only the run's exit code.
afterAll(() => {
  const dir = process.env[CAPTURE_DIR_ENV];
  if (!dir) return;
  const { leaks } = scanCaptures(dir);
  if (leaks.length > 0)
    throw new Error(
      `secret scan: ${leaks.length} secret(s) appeared in captured stderr (first starts ${leaks[0]!.slice(0, 4)}...)`,
    );
});
