import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { SEED } from "../support/fake-aws/index";
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_PROFILE } from "../support/hk-profile";
import { type E2e, ENTRIES, useE2e } from "./harness";

// LocalStack and moto listen on plain http://. The SDK loads node:http for such an endpoint with
// import(), which a bundle run through vm.Script could not do (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING).
// Here a plain-HTTP front passes each request, Host header and signature unchanged, to the stand-in.
let e2e: E2e;
const CONFIG = `${ACCOUNT_A_PROFILE}[profile local]
region = us-east-1
regional_sts_role_arn = ${SEED.roleKatoaki}
regional_sts_source_profile = account-a
`;
useE2e(
  (e) => (e2e = e),
  () => [CONFIG, ACCOUNT_A_CREDENTIALS],
);

async function plainHttpFront(): Promise<{ server: Server; port: number; hosts: string[] }> {
  const hosts: string[] = [];
  const ca = readFileSync(e2e.fake.caPath);
  const server = createServer((req, res) => {
    const host = req.headers.host ?? "";
    hosts.push(host);
    const upstream = request(
      {
        host: "127.0.0.1",
        port: 443,
        servername: host.replace(/:\d+$/, ""),
        ca,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return { server, port: (server.address() as AddressInfo).port, hosts };
}

describe("an http:// STS endpoint override (AWS_ENDPOINT_URL_STS)", () => {
  for (const [name, [entry]] of Object.entries(ENTRIES)) {
    it(`${name}: assumes the role over plain HTTP`, async () => {
      const front = await plainHttpFront();
      try {
        const endpoint = `http://sts.us-east-1.amazonaws.com:${front.port}`;
        const result = await e2e.run(entry, ["credential-process", "--profile", "local", "--no-cache"], {
          AWS_ENDPOINT_URL_STS: endpoint,
        });
        expect([result.code, result.stderr]).toEqual([0, ""]);
        expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
        expect(front.hosts).toEqual([`sts.us-east-1.amazonaws.com:${front.port}`]);
        expect(e2e.fake.log.filter((l) => l.action === "AssumeRole").map((l) => `${l.host} ${l.status}`)).toEqual([
          "sts.us-east-1.amazonaws.com 200",
        ]);
      } finally {
        front.server.closeAllConnections();
        front.server.close();
      }
    });
  }
});
