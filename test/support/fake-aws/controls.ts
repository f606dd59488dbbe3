/** The run-time control surface of a running fake (shared by the in-process API and the admin endpoint). */
import type { ActiveFault, FaultSpec } from "./faults.js";
import type { FakeState } from "./handler.js";
import type { Counts, LogEntry } from "./log.js";
import type { AccountConfig, IssuedCredential, RoleConfig } from "./model.js";
import type { SsoGrant } from "./sso.js";

export interface AssumeRoleFilter {
  host?: string;
  roleArn?: string;
  /** Only successful calls. */
  ok?: boolean;
}

export class FakeAwsControls {
  constructor(protected readonly state: FakeState) {}

  /** Ordered request log (a live array: copy it if you need a snapshot). */
  get log(): readonly LogEntry[] {
    return this.state.log.entries;
  }

  counts(): Counts {
    return this.state.log.counts();
  }

  assumeRoleCount(filter: AssumeRoleFilter = {}): number {
    return this.state.log.entries.filter(
      (e) =>
        e.action === "AssumeRole" &&
        (filter.host === undefined || e.host === filter.host) &&
        (filter.roleArn === undefined || e.roleArn === filter.roleArn) &&
        (filter.ok === undefined || (e.status === 200) === filter.ok),
    ).length;
  }

  /**
   * AssumeRole requests that an SDK sent again for the same call (`amz-sdk-request` attempt > 1):
   * the caller gave up waiting and retried. A test counting lock holders checks these first, so a
   * slow answer is reported as a retry, never as a second holder.
   */
  retriedAssumeRoles(): LogEntry[] {
    return this.state.log.entries.filter((e) => e.action === "AssumeRole" && (e.sdkAttempt ?? 1) > 1);
  }

  /** Clears the request log and counters (not faults, delay or clock). */
  resetLog(): void {
    this.state.log.reset();
  }

  injectFault(spec: FaultSpec): ActiveFault {
    return this.state.faults.add(spec);
  }

  faults(): ActiveFault[] {
    return this.state.faults.list();
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  /** Constant delay added before every answer. */
  setDelayMs(ms: number): void {
    this.state.delayMs = ms;
  }

  /** Server clock = real clock + ms (affects signature-expiry checks, Expiration, Date header). */
  setClockOffsetMs(ms: number): void {
    this.state.clockOffsetMs = ms;
  }

  now(): Date {
    return new Date(Date.now() + this.state.clockOffsetMs);
  }

  addAccount(account: AccountConfig): void {
    this.state.dir.addAccount(account);
  }

  addRole(role: RoleConfig): void {
    this.state.dir.addRole(role);
  }

  account(id: string): AccountConfig | undefined {
    return this.state.dir.accounts.get(id);
  }

  /** Changes an account's settings (e.g. its global endpoint token version) in place. */
  updateAccount(id: string, change: Partial<Omit<AccountConfig, "id">>): void {
    const account = this.state.dir.accounts.get(id);
    if (!account) throw new Error(`fake-aws: no account ${id}`);
    Object.assign(account, change);
  }

  role(arn: string): RoleConfig | undefined {
    return this.state.dir.roles.get(arn);
  }

  /** Lets the SSO portal hand out credentials for one account and role to this bearer token. */
  addSsoToken(token: string, grant: SsoGrant): void {
    this.state.dir.ssoTokens.set(token, grant);
  }

  setMfaCode(serial: string, code: string): void {
    this.state.dir.setMfaCode(serial, code);
  }

  /** Credentials handed out so far (with secrets: for assertions only). */
  issuedCredentials(): IssuedCredential[] {
    return this.state.dir.issuedCredentials();
  }

  /** Expires one issued credential, or all of them; returns how many. */
  expireCredentials(accessKeyId?: string): number {
    return this.state.dir.expire(Date.now() + this.state.clockOffsetMs, accessKeyId);
  }
}
