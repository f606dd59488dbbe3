import { PRESENT_ENV, probe, TOOLS, type Tool } from "./tools";

/**
 * vitest globalSetup: probes every tool once (running `aws --version` costs a Python start) and
 * hands the answer to the workers, which inherit this variable.
 */
export default function setup(): void {
  const present = (Object.keys(TOOLS) as Tool[]).filter(probe);
  process.env[PRESENT_ENV] = JSON.stringify(present);
}
