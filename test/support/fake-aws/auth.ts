/** Authenticates a request the way AWS front ends do, including the opt-in region rules. */
import type { Directory } from "./directory.js";
import type { Caller } from "./model.js";
import { partitionOfAccount } from "./model.js";
import type { Endpoint } from "./regions.js";
import { isOptInRegion } from "./regions.js";
import type { ParsedAuthorization, ReceivedRequest } from "./sigv4.js";
import { formatAmzDate, parseAmzDate, parseAuthorization, signatureMatches } from "./sigv4.js";
import { AwsError } from "./xml.js";

const MAX_SKEW_MS = 15 * 60 * 1000;
export const INVALID_TOKEN = "The security token included in the request is invalid.";
const BAD_SIGNATURE =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const invalidToken = (): AwsError => new AwsError("InvalidClientTokenId", INVALID_TOKEN, 403);
const badSignature = (message: string): AwsError => new AwsError("SignatureDoesNotMatch", message, 403);

/** Filled in as authentication progresses, so failures can still be logged. */
export interface AuthNotes {
  accessKeyId?: string;
  tokenVersion?: 1 | 2;
}

function checkTimestamp(auth: ParsedAuthorization, nowMs: number): void {
  const signedAt = parseAmzDate(auth.amzDate);
  if (signedAt < nowMs - MAX_SKEW_MS) {
    throw badSignature(
      `Signature expired: ${auth.amzDate} is now earlier than ` +
        `${formatAmzDate(nowMs - MAX_SKEW_MS)} (${formatAmzDate(nowMs)} - 15 min.)`,
    );
  }
  if (signedAt > nowMs + MAX_SKEW_MS) {
    throw badSignature(
      `Signature not yet current: ${auth.amzDate} is still later than ` +
        `${formatAmzDate(nowMs + MAX_SKEW_MS)} (${formatAmzDate(nowMs)} + 15 min.)`,
    );
  }
}

function checkScope(auth: ParsedAuthorization, ep: Endpoint): void {
  if (auth.scopeDate !== auth.amzDate.slice(0, 8)) {
    throw badSignature(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
        `'${auth.scopeDate}' != '${auth.amzDate.slice(0, 8)}', from '${auth.amzDate}'.`,
    );
  }
  if (auth.service !== ep.service) {
    throw badSignature(`Credential should be scoped to correct service: '${ep.service}'. `);
  }
  if (auth.region !== ep.region) throw badSignature("Credential should be scoped to a valid region. ");
  if (!auth.signedHeaders.includes("host")) throw badSignature(BAD_SIGNATURE);
}

/** Version 1 tokens only work in regions enabled by default; opt-in regions need the caller's account to opt in. */
function checkRegionAccess(caller: Caller, ep: Endpoint): void {
  if (!isOptInRegion(ep.region)) return;
  if (caller.session && caller.session.tokenVersion === 1) throw invalidToken();
  if (!(caller.account.enabledOptInRegions ?? []).includes(ep.region)) throw invalidToken();
}

/** The caller who signed `req` for endpoint `ep`, or an AwsError as STS would answer. */
export function authenticate(
  req: ReceivedRequest,
  ep: Endpoint,
  dir: Directory,
  nowMs: number,
  notes: AuthNotes,
): Caller {
  const parsed = parseAuthorization(req);
  if (!parsed.ok) {
    throw new AwsError(parsed.code, parsed.message, parsed.code === "IncompleteSignature" ? 400 : 403);
  }
  const auth = parsed.auth;
  notes.accessKeyId = auth.accessKeyId;
  const rec = dir.lookupKey(auth.accessKeyId);
  if (!rec) throw invalidToken();
  const { caller } = rec;
  if (caller.session) notes.tokenVersion = caller.session.tokenVersion;
  if (partitionOfAccount(caller.account) !== ep.partition) throw invalidToken();
  const presented = auth.securityToken ?? "";
  if (presented !== (caller.session?.sessionToken ?? "")) throw invalidToken();
  checkTimestamp(auth, nowMs);
  checkScope(auth, ep);
  if (!signatureMatches(req, auth, rec.secretAccessKey)) throw badSignature(BAD_SIGNATURE);
  if (caller.session && caller.session.expiresAt <= nowMs) {
    throw new AwsError("ExpiredToken", "The security token included in the request is expired", 400);
  }
  checkRegionAccess(caller, ep);
  return caller;
}
