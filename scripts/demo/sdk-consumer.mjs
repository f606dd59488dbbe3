#!/usr/bin/env node
// The demo's consumer when the AWS CLI is not installed: the few `aws` commands the demo runs,
// made with the AWS SDK for JavaScript (credentials through its own provider chain, so a
// profile's credential_process runs regional-sts exactly as the CLI would run it). Same output
// and error line as the CLI: `An error occurred (Code) when calling the Op operation: message`.
// HTTPS_PROXY and AWS_CA_BUNDLE are honoured, as the CLI honours them.
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import https from "node:https";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { SignatureV4 } from "@smithy/signature-v4";
import { HttpsProxyAgent } from "https-proxy-agent";

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv.splice(i, 2)[1];
};
const profile = flag("--profile");
const region = flag("--region") ?? "us-east-1";
const endpoint = flag("--endpoint-url");
const query = flag("--query");
const output = flag("--output") ?? "json";
const roleArn = flag("--role-arn");
const sessionName = flag("--role-session-name");
const [service, op] = argv;

// HttpsProxyAgent applies its own TLS options only to the hop to the proxy: the CA goes on each tunnel.
class CaProxyAgent extends HttpsProxyAgent {
  constructor(url, ca) {
    super(url);
    this.ca = ca;
  }
  connect(req, opts) {
    return super.connect(req, { ...opts, ca: this.ca });
  }
}
const ca = process.env.AWS_CA_BUNDLE ? readFileSync(process.env.AWS_CA_BUNDLE) : undefined;
const proxy = process.env.HTTPS_PROXY ?? process.env.https_proxy;
const agent = proxy ? new CaProxyAgent(proxy, ca) : new https.Agent({ ca });
const credentials = fromNodeProviderChain(profile ? { profile } : {});

/** The SDK's hash interface over node:crypto (HMAC when given a key), for SignatureV4. */
class Sha256 {
  constructor(key) {
    this.hash = key ? createHmac("sha256", key) : createHash("sha256");
  }
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** EC2 DescribeInstances, signed by the SDK's SigV4 signer (the EC2 client is not a dependency). */
async function describeInstances() {
  const hostname = `ec2.${region}.amazonaws.com`;
  const body = "Action=DescribeInstances&Version=2016-11-15";
  const signer = new SignatureV4({ credentials, region, service: "ec2", sha256: Sha256 });
  const signed = await signer.sign({
    method: "POST",
    protocol: "https:",
    hostname,
    path: "/",
    query: {},
    headers: { host: hostname, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const { status, text } = await new Promise((resolve, reject) => {
    const req = https.request({ host: hostname, method: "POST", path: "/", headers: signed.headers, agent }, (res) => {
      let text = "";
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
  const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
  if (status !== 200 || code) {
    throw Object.assign(new Error(/<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? `HTTP ${status}`), {
      name: code ?? "Unknown",
    });
  }
  return { Reservations: [...text.matchAll(/<reservationId>/g)].map(() => ({})) };
}

async function call() {
  const sts = () =>
    new STSClient({
      region,
      credentials,
      ...(endpoint ? { endpoint } : {}),
      requestHandler: new NodeHttpHandler({ httpsAgent: agent }),
    });
  if (service === "ec2" && op === "describe-instances") return ["DescribeInstances", describeInstances];
  if (service === "sts" && op === "get-caller-identity")
    return [
      "GetCallerIdentity",
      async () => {
        const { $metadata, ...answer } = await sts().send(new GetCallerIdentityCommand({}));
        return answer;
      },
    ];
  if (service === "sts" && op === "assume-role")
    return [
      "AssumeRole",
      async () => {
        const { $metadata, ...answer } = await sts().send(
          new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName }),
        );
        return answer;
      },
    ];
  throw Object.assign(new Error(`the demo's SDK consumer does not know aws ${service} ${op}`), { name: "Unsupported" });
}

const [operation, run] = await call();
try {
  const answer = await run();
  const value = query ? answer[query] : answer;
  process.stdout.write(
    output === "text" && typeof value === "string" ? `${value}\n` : `${JSON.stringify(value, null, 4)}\n`,
  );
} catch (err) {
  process.stderr.write(`\nAn error occurred (${err.name}) when calling the ${operation} operation: ${err.message}\n`);
  process.exitCode = 254;
}
