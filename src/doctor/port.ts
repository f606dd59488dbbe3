import type { AssumeRoleAt } from "../credentials/sts";
import type { ConnectOptions, Credentials } from "../credentials/types";

/** Who a set of credentials belongs to, and which STS host said so. */
export interface Identity {
  arn: string;
  account: string;
  host: string;
}

/** The AWS calls doctor makes; the real one (src/doctor/aws-calls.ts) loads the SDK lazily. */
export interface DoctorAws {
  /** GetCallerIdentity with the source credentials at `region`'s own STS endpoint. */
  sourceIdentity(region: string): Promise<Identity>;
  /** iam:GetAccountSummary's GlobalEndpointTokenVersion for the source account. */
  globalEndpointTokenVersion(partition: string): Promise<number | undefined>;
  /** AssumeRole with the source credentials, exactly as credential-process does it. */
  assumeRole: AssumeRoleAt;
  /** GetCallerIdentity with the assumed credentials at `region`'s own STS endpoint. */
  identityWith(credentials: Credentials, region: string): Promise<Identity>;
}

/** Resolves the source credentials (throws a UserError naming the source when it cannot). */
export type ConnectDoctor = (options: ConnectOptions) => Promise<DoctorAws>;

/** An AWS or network error as doctor reports it (never carries secrets). */
export interface CallFailure {
  name: string;
  message: string;
  host: string;
}

/** Normalises anything thrown by an SDK call. */
export function toFailure(error: unknown): CallFailure {
  const e = error as { name?: string; code?: string; message?: string; $host?: string };
  const name = e.code && /^E[A-Z]+/.test(e.code) ? e.code : (e.name ?? "Error");
  const message = (e.message ?? String(error)).split(/\r?\n/)[0]!.trim();
  return { name, message, host: e.$host ?? "" };
}
