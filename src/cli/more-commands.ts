/**
 * Every command but credential-process. The npm build puts these in their own file
 * (dist/more.js), loaded only when one of them runs: credential-process, which runs before
 * every AWS CLI command, then compiles a third of the code.
 */
export { cacheCommand } from "./cache";
export { completionCommand } from "./completion";
export { configureCommand } from "./configure";
export { consoleCommand } from "./console";
export { doctorCommand } from "./doctor";
export { envCommand } from "./env";
export { execCommand } from "./exec";
export { helpCommand, showHelp, versionCommand } from "./help";
export { listCommand } from "./list";
export { refreshCommand } from "./refresh";
