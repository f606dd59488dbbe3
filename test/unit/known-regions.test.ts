import { describe, expect, it } from "vitest";
// The SDK's own partition data, which the copied list must match (dist-es: the module is not exported by name).
// @ts-expect-error the SDK ships no types for this internal file
import * as aws from "../../node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js";
import { KNOWN_REGIONS } from "../../src/config/known-regions";
import { closest } from "../../src/suggest";

describe("known regions", () => {
  it("are exactly the regions of the SDK's partition data", () => {
    const sdk = (aws.partitionsInfo as { partitions: { regions: Record<string, unknown> }[] }).partitions
      .flatMap((p) => Object.keys(p.regions))
      .filter((r) => !r.startsWith("aws-")); // aws-global, aws-cn-global...: not regions one configures
    expect([...KNOWN_REGIONS].sort()).toEqual(sdk.sort());
  });

  it.each([
    ["ap-esat-1", "ap-east-1"],
    ["us-est-1", "us-east-1"],
    ["euwest-1", "eu-west-1"],
    ["ap-southeast-9", "ap-southeast-1"],
    ["hongkong", undefined],
    ["mars-north-1", undefined],
  ])("the closest known region to %s is %s", (wrong, match) => {
    expect(closest(wrong, KNOWN_REGIONS)).toBe(match);
  });
});
