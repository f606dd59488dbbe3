import { DEFAULT_ENABLED_REGIONS, isKnownRegion, OPT_IN_REGIONS } from "../config/regions";
import { UserError } from "../errors";
import { closest } from "../suggest";

export interface ExplainContext {
  profile: string;
  roleArn: string;
  region: string;
  /** Host that was called, if known. */
  host: string;
  source: string;
}

/**
 * Turns an STS or network failure into the one line a user can act on. The SDK's error
 * messages never carry secrets; they are quoted as they are.
 */
export function explainStsError(error: unknown, ctx: ExplainContext): UserError {
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $fault?: string;
    $metadata?: { attempts?: number; httpStatusCode?: number };
  };
  const name = e.name ?? "Error";
  const message = (e.message ?? String(error)).split(/\r?\n/)[0]!.trim();
  const at = ctx.host ? ` at ${ctx.host}` : ` in ${ctx.region}`;
  const head = `profile ${ctx.profile}: AssumeRole ${ctx.roleArn}${at} failed`;
  const make = (text: string, hint?: string) => new UserError(text, 1, "Sts", { cause: error, hint });
  const tries = `after ${e.$metadata?.attempts ?? "several"} attempts`;
  if (/^(ENOTFOUND|EAI_AGAIN)$/.test(e.code ?? name) && !isKnownRegion(ctx.region)) {
    // Most often a typo (ap-esat-1): say so rather than blame the network.
    const near = closest(ctx.region, [...DEFAULT_ENABLED_REGIONS, ...OPT_IN_REGIONS]);
    return new UserError(
      `profile ${ctx.profile}: region ${ctx.region} is not a region regional-sts knows and ` +
        `${ctx.host || "its STS endpoint"} does not resolve (${e.code ?? name})`,
      1,
      "UnknownRegion",
      {
        cause: error,
        hint: near ? `did you mean ${near}?` : "check the spelling of the region (for example ap-east-1)",
      },
    );
  }
  // The SDK files a reset connection under TimeoutError; the socket code says what happened.
  const network = e.code && e.code !== "ETIMEDOUT" ? explainNetwork(e.code, message, head, error) : undefined;
  if (network) return network;
  switch (name) {
    case "AccessDenied":
      return make(
        `${head}: AccessDenied: ${message}`,
        `check the role's trust policy allows ${ctx.source} (and its MFA or external id conditions)`,
      );
    case "ExpiredToken":
    case "ExpiredTokenException":
      return make(
        `${head}: ExpiredToken: the credentials of ${ctx.source} have expired`,
        `refresh them (for SSO: aws sso login)`,
      );
    case "InvalidClientTokenId":
      return make(
        `${head}: InvalidClientTokenId: ${ctx.source} was not accepted`,
        `check its keys are current and its account has enabled ${ctx.region}`,
      );
    case "RegionDisabledException":
      return make(
        `${head}: RegionDisabledException: ${message}`,
        `activate STS in ${ctx.region} or set regional_sts_sts_region to another region`,
      );
    case "ValidationError":
      return make(`${head}: ValidationError: ${message}`, `fix the value in [profile ${ctx.profile}]`);
    case "Throttling":
    case "ThrottlingException":
    case "RequestLimitExceeded":
      return make(`${head}: ${name} (${message}) ${tries}`, `wait a moment and try again`);
    case "SignatureDoesNotMatch":
      return /expired|clock|skew/i.test(message)
        ? make(`${head}: the clock of this machine is too far from AWS time (${message})`, "correct the system clock")
        : make(
            `${head}: SignatureDoesNotMatch: the secret key of ${ctx.source} does not match its access key id`,
            "fix the keys",
          );
    case "TimeoutError":
    case "RequestTimeout":
      return make(
        `${head}: no answer in time ${tries} (${message.replace(/^@smithy\/node-http-handler - \[ERROR\] /, "")})`,
        `check the network, HTTPS_PROXY and NO_PROXY`,
      );
  }
  const status = e.$metadata?.httpStatusCode;
  if (name === "Unknown" || name === "UnknownError") {
    // An answer that is not an AWS error document: usually a proxy, firewall or captive portal.
    return make(
      `${head}: the answer (HTTP ${status ?? "?"}) is not an AWS response ${tries}`,
      `check HTTPS_PROXY, NO_PROXY and any firewall between this machine and AWS`,
    );
  }
  if (e.$fault === "server" || (status !== undefined && status >= 500)) {
    return make(`${head}: ${name} (${message}) ${tries}`, `STS is failing on its side, try again in a moment`);
  }
  if (/returned no credentials/.test(message)) {
    return make(
      `${head}: the answer held no credentials (not an AWS response?)`,
      `check HTTPS_PROXY, NO_PROXY and any firewall between this machine and AWS`,
    );
  }
  return explainNetwork(e.code ?? name, message, head, error) ?? make(`${head}: ${name}: ${message}`);
}

function explainNetwork(code: string, message: string, head: string, cause: unknown): UserError | undefined {
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/.test(code)) {
    return new UserError(`${head}: the server's TLS certificate is not trusted (${code})`, 1, "Network", {
      cause,
      hint: `set AWS_CA_BUNDLE (or ca_bundle) to your CA bundle`,
    });
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return new UserError(`${head}: the connection was cut (${code}: ${message})`, 1, "Network", {
      cause,
      hint: `check the network, HTTPS_PROXY and NO_PROXY`,
    });
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/.test(code)) {
    return new UserError(`${head}: cannot connect (${code}: ${message})`, 1, "Network", {
      cause,
      hint: `check the network, HTTPS_PROXY and NO_PROXY`,
    });
  }
  return undefined;
}
