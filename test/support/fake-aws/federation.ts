/**
 * The console sign-in federation endpoint (`https://signin.aws.amazon.com/federation`):
 * getSigninToken turns role-session credentials into a sign-in token; login redirects to the
 * destination with it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FakeState } from "./handler.js";
import type { LogEntry } from "./log.js";
import { partitionOfAccount } from "./model.js";
import { type Partition, SIGNIN_HOSTS, signinHostNames } from "./regions.js";

export function signinPartition(host: string): Partition | undefined {
  if (Object.hasOwn(SIGNIN_HOSTS, host)) return SIGNIN_HOSTS[host];
  return host.endsWith(".signin.aws.amazon.com") && signinHostNames().includes(host) ? "aws" : undefined;
}

/** A sign-in token is good for 15 minutes (same page). */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const tokens = new WeakMap<FakeState, Map<string, number>>();

interface Answer {
  status: number;
  body: string;
  type?: string;
  location?: string;
  note?: Partial<LogEntry>;
}

const refuse = (why: string, note: Partial<LogEntry> = {}): Answer => ({ status: 400, body: `${why}\n`, note });

function getSigninToken(state: FakeState, params: URLSearchParams, partition: Partition, nowMs: number): Answer {
  let session: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
  try {
    session = JSON.parse(params.get("Session") ?? "") as typeof session;
  } catch {
    return refuse("Session is not JSON");
  }
  const cred = typeof session.sessionId === "string" ? state.dir.findIssued(session.sessionId) : undefined;
  const note: Partial<LogEntry> = {
    ...(typeof session.sessionId === "string" ? { accessKeyId: session.sessionId } : {}),
  };
  const durationText = params.get("SessionDuration");
  if (durationText !== null) note.sessionDuration = Number(durationText);
  const account = cred ? state.dir.accounts.get(cred.accountId) : undefined;
  if (
    !cred ||
    !account ||
    cred.secretAccessKey !== session.sessionKey ||
    cred.sessionToken !== session.sessionToken ||
    partitionOfAccount(account) !== partition ||
    cred.expiresAt <= nowMs ||
    cred.userName !== undefined
  ) {
    return refuse("Invalid credentials", note);
  }
  if (durationText !== null) {
    const seconds = Number(durationText);
    if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200)
      return refuse("SessionDuration must be 900 to 43200", note);
    // Only roles assumed with an IAM user's long-term keys may ask for a console session
    // length; role-chained ones get 400 (and so, per the page above, any assumed with session credentials).
    if (cred.fromRoleSession || cred.assumedWithSession)
      return refuse("SessionDuration is not allowed for role-chained credentials", note);
  }
  const token = randomBytes(48).toString("base64url");
  let issued = tokens.get(state);
  if (!issued) tokens.set(state, (issued = new Map()));
  issued.set(token, nowMs);
  return { status: 200, body: JSON.stringify({ SigninToken: token }), type: "application/json", note };
}

function login(state: FakeState, params: URLSearchParams, nowMs: number): Answer {
  const issuedAt = tokens.get(state)?.get(params.get("SigninToken") ?? "");
  const destination = params.get("Destination");
  if (issuedAt === undefined || nowMs - issuedAt > TOKEN_LIFETIME_MS || !destination)
    return refuse("Invalid sign-in token");
  return { status: 302, body: "", location: destination };
}

export function handleFederation(
  state: FakeState,
  req: IncomingMessage,
  res: ServerResponse,
  entry: Omit<LogEntry, "seq">,
): void {
  const url = new URL(req.url ?? "/", "https://signin");
  const partition = signinPartition(entry.host)!;
  const action = url.searchParams.get("Action") ?? undefined;
  const nowMs = Date.now() + state.clockOffsetMs;
  const answer =
    url.pathname !== "/federation" || req.method !== "GET"
      ? { status: 404, body: "Not found\n" }
      : action === "getSigninToken"
        ? getSigninToken(state, url.searchParams, partition, nowMs)
        : action === "login"
          ? login(state, url.searchParams, nowMs)
          : refuse("Unknown Action");
  state.log.add({
    ...entry,
    service: "signin",
    ...(action === undefined ? {} : { action }),
    ...answer.note,
    status: answer.status,
  });
  res.writeHead(answer.status, {
    "Content-Type": answer.type ?? "text/plain",
    "Content-Length": Buffer.byteLength(answer.body),
    ...(answer.location ? { Location: answer.location } : {}),
  });
  res.end(answer.body);
}
