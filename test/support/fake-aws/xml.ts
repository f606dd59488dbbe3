/** Response and error bodies in the formats of STS, IAM (query protocol) and EC2. */
import type { Service } from "./regions.js";

export const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
export const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
export const EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

/** An error to be returned to the client in the service's own format. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "AwsError";
  }
}

export function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `<Tag>value</Tag>` with the value escaped. */
export function el(tag: string, value: string | number): string {
  return `<${tag}>${esc(String(value))}</${tag}>`;
}

/** Query-protocol success envelope (STS, IAM). */
export function queryResponse(ns: string, action: string, result: string, requestId: string): string {
  return (
    `<${action}Response xmlns="${ns}">\n  <${action}Result>\n${result}\n  </${action}Result>\n` +
    `  <ResponseMetadata>\n    ${el("RequestId", requestId)}\n  </ResponseMetadata>\n</${action}Response>\n`
  );
}

export function ec2Response(action: string, inner: string, requestId: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}">\n` +
    `    ${el("requestId", requestId)}\n${inner}\n</${action}Response>`
  );
}

/** EC2 reports authentication problems with its own codes. */
export function ec2ErrorFor(err: AwsError): AwsError {
  switch (err.code) {
    case "InvalidClientTokenId":
    case "SignatureDoesNotMatch":
      if (err.message.startsWith("Signature expired")) {
        return new AwsError("RequestExpired", "Request has expired.", 400);
      }
      return new AwsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
    case "ExpiredToken":
      return new AwsError("RequestExpired", "Request has expired.", 400);
    case "AccessDenied":
      return new AwsError("UnauthorizedOperation", "You are not authorized to perform this operation.", 403);
    default:
      return err;
  }
}

export function errorBody(service: Service, err: AwsError, requestId: string): string {
  if (service === "ec2") {
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${el("Code", err.code)}` +
      `${el("Message", err.message)}</Error></Errors>${el("RequestID", requestId)}</Response>`
    );
  }
  const ns = service === "iam" ? IAM_NS : STS_NS;
  const type = err.status >= 500 ? "Receiver" : "Sender";
  return (
    `<ErrorResponse xmlns="${ns}">\n  <Error>\n    ${el("Type", type)}\n    ${el("Code", err.code)}\n` +
    `    ${el("Message", err.message)}\n  </Error>\n  ${el("RequestId", requestId)}\n</ErrorResponse>\n`
  );
}
