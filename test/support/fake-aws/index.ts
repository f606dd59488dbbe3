/** Public surface of the fake AWS stand-in. startFakeAws() runs it in a worker thread (in-worker.ts). */

export { type AdminServer, startAdminServer } from "./admin.js";
export type { AssumeRoleFilter, FakeAwsControls } from "./controls.js";
export type { ActiveFault, FaultKind, FaultSpec } from "./faults.js";
export { FakeAws, startFakeAws } from "./in-worker.js";
export type { Counts, LogEntry } from "./log.js";
export type { AccountConfig, IssuedCredential, RoleConfig, Scenario, UserConfig } from "./model.js";
export { tokenVersionOf } from "./model.js";
export { ALL_REGIONS, allHostNames, type Endpoint, isOptInRegion, OPT_IN_REGIONS, parseHost } from "./regions.js";
export { SEED, seedScenario } from "./seed.js";
export type { FakeAwsOptions } from "./server.js";
export type { SsoGrant } from "./sso.js";
