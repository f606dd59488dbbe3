/** Ordered request log and counters. Never holds secrets or session tokens. */
import type { FaultKind } from "./faults.js";

export interface LogEntry {
  seq: number;
  /** Wall-clock time (ISO-8601) the request was received. */
  time: string;
  /** Host header without port. */
  host: string;
  /** Target of the proxy CONNECT that carried the request, in proxy mode. */
  connectHost?: string;
  service?: string;
  region?: string;
  action?: string;
  accessKeyId?: string;
  /** Version of the session token presented, for credentials this fake issued. */
  tokenVersion?: 1 | 2;
  /** HTTP status answered (0 when never answered). */
  status: number;
  errorCode?: string;
  fault?: FaultKind;
  roleArn?: string;
  issuedAccessKeyId?: string;
  issuedTokenVersion?: 1 | 2;
  mfaUsed?: boolean;
  /** SessionDuration sent to the federation endpoint's getSigninToken, if any. */
  sessionDuration?: number;
  /** The SDK's `amz-sdk-invocation-id`: the same for every attempt of one call. */
  invocationId?: string;
  /** The attempt number from the SDK's `amz-sdk-request: attempt=N; max=M` (above 1: a retry). */
  sdkAttempt?: number;
}

export interface Counts {
  total: number;
  assumeRole: number;
  /** AssumeRole requests per host reached. */
  assumeRoleHosts: Record<string, number>;
  byAction: Record<string, number>;
  byHost: Record<string, number>;
  byErrorCode: Record<string, number>;
  connects: number;
  connectHosts: Record<string, number>;
}

const bump = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1;
};

export class RequestLog {
  readonly entries: LogEntry[] = [];
  private readonly connectTargets: string[] = [];
  private seq = 0;

  add(entry: Omit<LogEntry, "seq">): LogEntry {
    const e: LogEntry = { seq: ++this.seq, ...entry };
    this.entries.push(e);
    return e;
  }

  recordConnect(host: string): void {
    this.connectTargets.push(host);
  }

  reset(): void {
    this.entries.length = 0;
    this.connectTargets.length = 0;
  }

  counts(): Counts {
    const c: Counts = {
      total: this.entries.length,
      assumeRole: 0,
      assumeRoleHosts: {},
      byAction: {},
      byHost: {},
      byErrorCode: {},
      connects: this.connectTargets.length,
      connectHosts: {},
    };
    for (const e of this.entries) {
      bump(c.byHost, e.host);
      if (e.action !== undefined) bump(c.byAction, e.action);
      if (e.errorCode !== undefined) bump(c.byErrorCode, e.errorCode);
      if (e.action === "AssumeRole") {
        c.assumeRole++;
        bump(c.assumeRoleHosts, e.host);
      }
    }
    for (const h of this.connectTargets) bump(c.connectHosts, h);
    return c;
  }
}
