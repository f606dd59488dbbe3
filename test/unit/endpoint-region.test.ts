import { describe, expect, it } from "vitest";
import { regionPartition } from "../../src/config/regions";
import { chooseStsRegion, defaultEnabledRegion, type StsRegionInput } from "../../src/credentials/endpoint-region";

const input = (change: Partial<StsRegionInput>): StsRegionInput => ({
  targetRegion: "us-east-1",
  override: undefined,
  partition: "aws",
  sourceRegion: undefined,
  rememberedFallback: undefined,
  ...change,
});

describe("chooseStsRegion", () => {
  it.each([
    // default-enabled targets: their own endpoint, no fallback (source region and memories are irrelevant)
    [{ targetRegion: "us-east-1" }, "us-east-1", undefined, "us-east-1 is enabled by default"],
    [
      { targetRegion: "ap-northeast-1", sourceRegion: "eu-west-1" },
      "ap-northeast-1",
      undefined,
      "ap-northeast-1 is enabled by default",
    ],
    [
      { targetRegion: "eu-west-1", rememberedFallback: "us-east-1" },
      "eu-west-1",
      undefined,
      "eu-west-1 is enabled by default",
    ],
    // opt-in targets: own endpoint first, then the source region if default-enabled and same partition
    [
      { targetRegion: "ap-east-1", sourceRegion: "ap-northeast-1" },
      "ap-east-1",
      "ap-northeast-1",
      "ap-east-1 is opt-in; trying its own endpoint first",
    ],
    [
      { targetRegion: "me-south-1", sourceRegion: "eu-west-1" },
      "me-south-1",
      "eu-west-1",
      "me-south-1 is opt-in; trying its own endpoint first",
    ],
    [{ targetRegion: "af-south-1" }, "af-south-1", "us-east-1", "af-south-1 is opt-in; trying its own endpoint first"],
    [
      { targetRegion: "eu-south-1", sourceRegion: "cn-north-1" },
      "eu-south-1",
      "us-east-1",
      "eu-south-1 is opt-in; trying its own endpoint first",
    ],
    // the source region is itself opt-in: partition default
    [
      { targetRegion: "ap-east-1", sourceRegion: "me-south-1" },
      "ap-east-1",
      "us-east-1",
      "ap-east-1 is opt-in; trying its own endpoint first",
    ],
    [
      { targetRegion: "ap-east-1", sourceRegion: "ap-east-1" },
      "ap-east-1",
      "us-east-1",
      "ap-east-1 is opt-in; trying its own endpoint first",
    ],
    // other partitions have no opt-in regions in the list
    [{ targetRegion: "cn-north-1", partition: "aws-cn" }, "cn-north-1", undefined, "cn-north-1 is enabled by default"],
    [
      { targetRegion: "cn-northwest-1", partition: "aws-cn" },
      "cn-northwest-1",
      undefined,
      "cn-northwest-1 is enabled by default",
    ],
    [
      { targetRegion: "us-gov-east-1", partition: "aws-us-gov" },
      "us-gov-east-1",
      undefined,
      "us-gov-east-1 is enabled by default",
    ],
    [
      { targetRegion: "us-iso-west-1", partition: "aws-iso" },
      "us-iso-west-1",
      undefined,
      "us-iso-west-1 is enabled by default",
    ],
    // the override wins over everything
    [
      { targetRegion: "ap-east-1", override: "eu-central-1", rememberedFallback: "us-east-1" },
      "eu-central-1",
      undefined,
      "regional_sts_sts_region is set",
    ],
    [{ targetRegion: "us-east-1", override: "us-west-2" }, "us-west-2", undefined, "regional_sts_sts_region is set"],
    // a remembered fallback goes first, with no further fallback
    [
      { targetRegion: "ap-east-1", sourceRegion: "eu-west-1", rememberedFallback: "eu-west-1" },
      "eu-west-1",
      undefined,
      "the source account has not enabled ap-east-1 (remembered from an earlier InvalidClientTokenId)",
    ],
    [
      { targetRegion: "me-south-1", rememberedFallback: "us-east-1" },
      "us-east-1",
      undefined,
      "the source account has not enabled me-south-1 (remembered from an earlier InvalidClientTokenId)",
    ],
  ] as const)("%j → first %s, fallback %s", (change, first, fallback, reason) => {
    expect(chooseStsRegion(input(change))).toEqual({ first, fallback, reason });
  });
});

describe("defaultEnabledRegion", () => {
  it.each([
    ["aws", undefined, "us-east-1"],
    ["aws", "eu-west-1", "eu-west-1"],
    ["aws", "ap-east-1", "us-east-1"],
    ["aws", "us-gov-west-1", "us-east-1"],
    ["aws-cn", undefined, "cn-north-1"],
    ["aws-cn", "cn-northwest-1", "cn-northwest-1"],
    ["aws-cn", "us-east-1", "cn-north-1"],
    ["aws-us-gov", undefined, "us-gov-west-1"],
    ["aws-us-gov", "us-gov-east-1", "us-gov-east-1"],
    ["aws-iso", "us-east-1", "us-iso-east-1"],
    ["aws-iso-b", undefined, "us-isob-east-1"],
    ["aws-iso-e", undefined, "eu-isoe-west-1"],
    ["aws-iso-f", undefined, "us-isof-south-1"],
    ["aws-unknown", undefined, "us-east-1"],
  ])("partition %s, source region %s → %s", (partition, sourceRegion, expected) => {
    expect(defaultEnabledRegion(partition, sourceRegion)).toBe(expected);
  });
});

describe("regionPartition", () => {
  it.each([
    ["us-east-1", "aws"],
    ["ap-east-1", "aws"],
    ["il-central-1", "aws"],
    ["mx-central-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-east-1", "aws-us-gov"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["eu-isoe-west-1", "aws-iso-e"],
    ["us-isof-south-1", "aws-iso-f"],
    ["eusc-de-east-1", "aws-eusc"],
    ["xx-moon-1", undefined],
    ["zz-north-1", undefined],
  ])("%s → %s", (region, partition) => {
    expect(regionPartition(region)).toBe(partition);
  });
});
