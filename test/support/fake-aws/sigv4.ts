/** SigV4 (header form) verification, implemented from the specification. */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface ReceivedRequest {
  method: string;
  /** Request target as received: path plus optional `?query`. */
  url: string;
  /** Node's `rawHeaders`: [name, value, name, value, ...]. */
  rawHeaders: string[];
  body: Buffer;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** X-Amz-Date value (YYYYMMDDTHHMMSSZ). */
  amzDate: string;
  securityToken?: string;
}

export type ParseResult =
  | { ok: true; auth: ParsedAuthorization }
  | { ok: false; code: "MissingAuthenticationToken" | "IncompleteSignature"; message: string };

export function headerValues(rawHeaders: string[], name: string): string[] {
  const out: string[] = [];
  const lower = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === lower) out.push(rawHeaders[i + 1]!);
  }
  return out;
}

export function parseAuthorization(req: ReceivedRequest): ParseResult {
  const header = headerValues(req.rawHeaders, "authorization")[0];
  if (header === undefined) {
    return { ok: false, code: "MissingAuthenticationToken", message: "Request is missing Authentication Token" };
  }
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header.trim());
  const fields = new Map<string, string>();
  for (const part of (m?.[1] ?? "").split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  const scope = credential?.split("/") ?? [];
  if (!m || !signedHeaders || !signature || scope.length !== 5 || scope[4] !== "aws4_request") {
    return {
      ok: false,
      code: "IncompleteSignature",
      message:
        `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. ` +
        `Authorization=${header.split(" ")[0] ?? ""}`,
    };
  }
  const amzDate = headerValues(req.rawHeaders, "x-amz-date")[0];
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    return {
      ok: false,
      code: "IncompleteSignature",
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    };
  }
  const securityToken = headerValues(req.rawHeaders, "x-amz-security-token")[0];
  return {
    ok: true,
    auth: {
      accessKeyId: scope[0]!,
      scopeDate: scope[1]!,
      region: scope[2]!,
      service: scope[3]!,
      signedHeaders: signedHeaders.split(";").map((h) => h.trim().toLowerCase()),
      signature,
      amzDate,
      ...(securityToken === undefined ? {} : { securityToken }),
    },
  };
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function canonicalPath(rawPath: string): string {
  if (rawPath === "" || rawPath === "/") return "/";
  // Non-S3 services encode the (already encoded) path once more.
  return rawPath
    .split("/")
    .map((seg) => rfc3986(seg))
    .join("/");
}

function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs = rawQuery
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      const k = eq < 0 ? p : p.slice(0, eq);
      const v = eq < 0 ? "" : p.slice(eq + 1);
      return [rfc3986(safeDecode(k)), rfc3986(safeDecode(v))] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

export function canonicalRequest(req: ReceivedRequest, auth: ParsedAuthorization): string {
  const q = req.url.indexOf("?");
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const rawQuery = q < 0 ? "" : req.url.slice(q + 1);
  const headers = auth.signedHeaders
    .map((name) => {
      const value = headerValues(req.rawHeaders, name)
        .map((v) => v.trim().replace(/\s+/g, " "))
        .join(",");
      return `${name}:${value}\n`;
    })
    .join("");
  const payloadHash = headerValues(req.rawHeaders, "x-amz-content-sha256")[0] ?? sha256Hex(req.body);
  return [
    req.method.toUpperCase(),
    canonicalPath(rawPath),
    canonicalQuery(rawQuery),
    headers,
    auth.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
}

export function expectedSignature(req: ReceivedRequest, auth: ParsedAuthorization, secret: string): string {
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", auth.amzDate, scope, sha256Hex(canonicalRequest(req, auth))].join("\n");
  let key = hmac(`AWS4${secret}`, auth.scopeDate);
  key = hmac(key, auth.region);
  key = hmac(key, auth.service);
  key = hmac(key, "aws4_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

export function signatureMatches(req: ReceivedRequest, auth: ParsedAuthorization, secret: string): boolean {
  const want = Buffer.from(expectedSignature(req, auth, secret));
  const got = Buffer.from(auth.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Parses YYYYMMDDTHHMMSSZ to epoch ms. */
export function parseAmzDate(s: string): number {
  return Date.UTC(
    +s.slice(0, 4),
    +s.slice(4, 6) - 1,
    +s.slice(6, 8),
    +s.slice(9, 11),
    +s.slice(11, 13),
    +s.slice(13, 15),
  );
}

export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
