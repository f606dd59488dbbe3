/** Region catalogue and host-name parsing for the fake AWS endpoints. */

export type Partition = "aws" | "aws-cn" | "aws-us-gov";
export type Service = "sts" | "ec2" | "iam";

/** Regions launched after 2019-03-20: not enabled unless an account opts in. */
export const OPT_IN_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-west-1",
  "eu-central-2",
  "eu-south-1",
  "eu-south-2",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
];

export const DEFAULT_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-north-1",
  "sa-east-1",
];

export const CN_REGIONS: readonly string[] = ["cn-north-1", "cn-northwest-1"];
export const GOV_REGIONS: readonly string[] = ["us-gov-west-1", "us-gov-east-1"];

export const ALL_REGIONS: readonly string[] = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS, ...CN_REGIONS, ...GOV_REGIONS];

export function isOptInRegion(region: string): boolean {
  return OPT_IN_REGIONS.includes(region);
}

export function partitionOf(region: string): Partition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The console sign-in hosts of each partition (federation.ts). */
export const SIGNIN_HOSTS: Readonly<Record<string, Partition>> = {
  "signin.aws.amazon.com": "aws",
  "signin.amazonaws.cn": "aws-cn",
  "signin.amazonaws-us-gov.com": "aws-us-gov",
};

/** Every sign-in host answered: the partitions' own and the regional ones of the aws partition. */
export function signinHostNames(): string[] {
  return [
    ...Object.keys(SIGNIN_HOSTS),
    ...[...DEFAULT_REGIONS, ...OPT_IN_REGIONS].map((r) => `${r}.signin.aws.amazon.com`),
  ];
}

/** What a host name designates. */
export interface Endpoint {
  host: string;
  service: Service;
  /** Region the SigV4 credential scope must name. */
  region: string;
  partition: Partition;
  /** True for sts.amazonaws.com (the legacy global STS endpoint). */
  global: boolean;
}

/** Every host name the fake answers for (also the certificate's DNS subjectAltNames). */
export function allHostNames(): string[] {
  const names = [
    "sts.amazonaws.com",
    "iam.amazonaws.com",
    "iam.us-gov.amazonaws.com",
    "iam.cn-north-1.amazonaws.com.cn",
  ];
  for (const r of ALL_REGIONS) {
    if (partitionOf(r) === "aws-cn") {
      names.push(`sts.${r}.amazonaws.com.cn`, `sts.${r}.api.amazonwebservices.com.cn`, `ec2.${r}.amazonaws.com.cn`);
    } else {
      names.push(
        `sts.${r}.amazonaws.com`,
        `sts-fips.${r}.amazonaws.com`,
        `sts.${r}.api.aws`,
        `sts-fips.${r}.api.aws`,
        `ec2.${r}.amazonaws.com`,
      );
    }
  }
  // The console sign-in federation endpoints (federation.ts).
  names.push(...signinHostNames());
  // The SSO portal (sso.ts), in the default-enabled regions of the aws partition.
  names.push(...DEFAULT_REGIONS.map((r) => `portal.sso.${r}.amazonaws.com`));
  return names;
}

const KNOWN = new Set(allHostNames());

/** Host header value (port stripped, lower-cased) → endpoint, or undefined when not ours. */
export function parseHost(hostHeader: string | undefined): Endpoint | undefined {
  if (!hostHeader) return undefined;
  const host = stripPort(hostHeader).toLowerCase();
  if (!KNOWN.has(host)) return undefined;
  if (host === "sts.amazonaws.com") {
    return { host, service: "sts", region: "us-east-1", partition: "aws", global: true };
  }
  if (host === "iam.amazonaws.com") {
    return { host, service: "iam", region: "us-east-1", partition: "aws", global: true };
  }
  if (host === "iam.us-gov.amazonaws.com") {
    return { host, service: "iam", region: "us-gov-west-1", partition: "aws-us-gov", global: true };
  }
  if (host === "iam.cn-north-1.amazonaws.com.cn") {
    return { host, service: "iam", region: "cn-north-1", partition: "aws-cn", global: true };
  }
  if (host.startsWith("portal.sso.")) return undefined; // the SSO portal speaks JSON: see sso.ts
  const [first, region] = host.split(".");
  if (first === undefined || region === undefined) return undefined;
  const service: Service = first === "ec2" ? "ec2" : "sts";
  return { host, service, region, partition: partitionOf(region), global: false };
}

export function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const i = host.lastIndexOf(":");
  return i >= 0 ? host.slice(0, i) : host;
}

export function isKnownHost(host: string): boolean {
  return KNOWN.has(stripPort(host).toLowerCase());
}
