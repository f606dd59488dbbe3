/** Public surface of the fake AWS stand-in. startFakeAws() runs it in a worker thread (in-worker.ts). */
export { startFakeAws, FakeAws } from './in-worker.js';
export { type FakeAwsOptions } from './server.js';
export { type FakeAwsControls, type AssumeRoleFilter } from './controls.js';
export { startAdminServer, type AdminServer } from './admin.js';
export { seedScenario, SEED } from './seed.js';
export type { ActiveFault, FaultKind, FaultSpec } from './faults.js';
export type { Counts, LogEntry } from './log.js';
export type { AccountConfig, IssuedCredential, RoleConfig, Scenario, UserConfig } from './model.js';
export { tokenVersionOf } from './model.js';
export type { SsoGrant } from './sso.js';
export { ALL_REGIONS, OPT_IN_REGIONS, allHostNames, isOptInRegion, parseHost, type Endpoint } from './regions.js';
