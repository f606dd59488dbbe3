/** Throwaway CA + leaf certificate, made with the openssl CLI. */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allHostNames } from "./regions.js";

export interface CertificateSet {
  dir: string;
  /** True when the folder was created by us (and may be removed on close). */
  createdDir: boolean;
  caPath: string;
  keyPath: string;
  certPath: string;
  key: string;
  cert: string;
  ca: string;
}

const OPENSSL = "/usr/bin/openssl";

function run(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(OPENSSL, args, { cwd }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`openssl ${args[0] ?? ""} failed: ${String(stderr)}`));
      else resolve();
    });
  });
}

function serial(): string {
  return `0x${(randomBytes(12)[0]! & 0x7f).toString(16)}${randomBytes(11).toString("hex")}`;
}

/** Writes ca.pem, ca.key, server.pem, server.key into `dir` (a new temp folder if absent). */
export async function createCertificates(dir?: string): Promise<CertificateSet> {
  const createdDir = dir === undefined;
  const d = dir ?? (await mkdtemp(join(tmpdir(), "fake-aws-")));
  await mkdir(d, { recursive: true });
  const curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run(
    [
      "req",
      "-x509",
      ...curve,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "3",
      "-set_serial",
      serial(),
      "-subj",
      "/O=regional-sts tests/CN=fake-aws throwaway CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    d,
  );
  await run(["req", ...curve, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=fake-aws"], d);
  const dns = [...allHostNames(), "localhost"].map((n, i) => `DNS.${i + 1} = ${n}`);
  const ext = [
    "basicConstraints = critical,CA:FALSE",
    "keyUsage = critical,digitalSignature,keyEncipherment",
    "extendedKeyUsage = serverAuth",
    "subjectKeyIdentifier = hash",
    "authorityKeyIdentifier = keyid,issuer",
    "subjectAltName = @alt",
    "[alt]",
    ...dns,
    "IP.1 = 127.0.0.1",
    "IP.2 = ::1",
    "",
  ].join("\n");
  await writeFile(join(d, "server.ext"), ext);
  await run(
    [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-set_serial",
      serial(),
      "-days",
      "2",
      "-sha256",
      "-extfile",
      "server.ext",
      "-out",
      "server.pem",
    ],
    d,
  );
  const caPath = join(d, "ca.pem");
  const keyPath = join(d, "server.key");
  const certPath = join(d, "server.pem");
  return {
    dir: d,
    createdDir,
    caPath,
    keyPath,
    certPath,
    key: await readFile(keyPath, "utf8"),
    cert: await readFile(certPath, "utf8"),
    ca: await readFile(caPath, "utf8"),
  };
}
