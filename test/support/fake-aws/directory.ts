/** The mutable world: accounts, roles, static keys, issued sessions and MFA codes. */
import type { AccountConfig, Caller, IssuedCredential, RoleConfig, Scenario, UserConfig } from "./model.js";
import { parseRoleArn, partitionOfAccount, stableId } from "./model.js";
import type { SsoGrant } from "./sso.js";

export interface KeyRecord {
  secretAccessKey: string;
  /** Builds the caller identity for this key. */
  caller: Caller;
}

export class Directory {
  readonly accounts = new Map<string, AccountConfig>();
  readonly roles = new Map<string, RoleConfig>();
  readonly mfaCodes = new Map<string, string>();
  /** SSO portal bearer token → the one account and permission set it may fetch (see sso.ts). */
  readonly ssoTokens = new Map<string, SsoGrant>();
  private readonly users = new Map<string, { user: UserConfig; account: AccountConfig }>();
  private readonly issued = new Map<string, IssuedCredential>();

  constructor(scenario: Scenario) {
    for (const a of scenario.accounts) this.addAccount(a);
    for (const r of scenario.roles) this.addRole(r);
    for (const [serial, code] of Object.entries(scenario.mfaCodes ?? {})) this.mfaCodes.set(serial, code);
  }

  addAccount(account: AccountConfig): void {
    this.accounts.set(account.id, account);
    for (const u of account.users ?? []) this.users.set(u.accessKeyId, { user: u, account });
  }

  addRole(role: RoleConfig): void {
    if (!parseRoleArn(role.arn)) throw new Error(`not a role ARN: ${role.arn}`);
    this.roles.set(role.arn, role);
  }

  setMfaCode(serial: string, code: string): void {
    this.mfaCodes.set(serial, code);
  }

  recordIssued(cred: IssuedCredential): void {
    this.issued.set(cred.accessKeyId, cred);
  }

  /** All credentials handed out so far (secrets included: for tests only, never logged). */
  issuedCredentials(): IssuedCredential[] {
    return [...this.issued.values()];
  }

  findIssued(accessKeyId: string): IssuedCredential | undefined {
    return this.issued.get(accessKeyId);
  }

  /** Makes one (or every) issued credential expired as of `nowMs`. */
  expire(nowMs: number, accessKeyId?: string): number {
    let n = 0;
    for (const c of this.issued.values()) {
      if (accessKeyId === undefined || c.accessKeyId === accessKeyId) {
        c.expiresAt = Math.min(c.expiresAt, nowMs - 1000);
        n++;
      }
    }
    return n;
  }

  lookupKey(accessKeyId: string): KeyRecord | undefined {
    const u = this.users.get(accessKeyId);
    if (u) {
      const p = partitionOfAccount(u.account);
      return {
        secretAccessKey: u.user.secretAccessKey,
        caller: {
          kind: "user",
          account: u.account,
          accessKeyId,
          user: u.user,
          arn: `arn:${p}:iam::${u.account.id}:user/${u.user.name}`,
          userId: stableId("AIDA", `${u.account.id}/${u.user.name}`),
        },
      };
    }
    const s = this.issued.get(accessKeyId);
    const account = s ? this.accounts.get(s.accountId) : undefined;
    if (!s || !account) return undefined;
    const p = partitionOfAccount(account);
    if (s.userName !== undefined) {
      // A GetSessionToken session acts as its IAM user.
      return {
        secretAccessKey: s.secretAccessKey,
        caller: {
          kind: "user",
          account,
          accessKeyId,
          session: s,
          arn: `arn:${p}:iam::${account.id}:user/${s.userName}`,
          userId: stableId("AIDA", `${account.id}/${s.userName}`),
        },
      };
    }
    return {
      secretAccessKey: s.secretAccessKey,
      caller: {
        kind: "role",
        account,
        accessKeyId,
        session: s,
        arn: `arn:${p}:sts::${account.id}:assumed-role/${s.roleName}/${s.sessionName}`,
        userId: `${s.roleId}:${s.sessionName}`,
      },
    };
  }
}
