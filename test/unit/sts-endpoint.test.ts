import { describe, expect, it } from "vitest";
import { configuredStsEndpoint } from "../../src/config/sts-endpoint";

/** Issue 12 item 1: which STS endpoint a profile is configured for (it goes into the cache key). */
const services = {
  "services.local": { "sts.endpoint_url": "http://services:1" },
  "services.empty": { "s3.endpoint_url": "http://s3:1" },
};
describe("configuredStsEndpoint: the documented precedence", () => {
  it.each([
    ["nothing configured", {}, {}, undefined],
    ["AWS_ENDPOINT_URL_STS", {}, { AWS_ENDPOINT_URL_STS: "http://env-sts:1" }, "http://env-sts:1"],
    ["AWS_ENDPOINT_URL", {}, { AWS_ENDPOINT_URL: "http://env-all:1" }, "http://env-all:1"],
    ["endpoint_url in the profile", { endpoint_url: "http://profile:1" }, {}, "http://profile:1"],
    ["the services section's sts endpoint_url", { services: "local" }, {}, "http://services:1"],
    [
      "a services section without sts: the profile's endpoint_url",
      { services: "empty", endpoint_url: "http://profile:1" },
      {},
      "http://profile:1",
    ],
    [
      "AWS_ENDPOINT_URL_STS over everything",
      { services: "local", endpoint_url: "http://profile:1" },
      { AWS_ENDPOINT_URL_STS: "http://env-sts:1", AWS_ENDPOINT_URL: "http://env-all:1" },
      "http://env-sts:1",
    ],
    [
      "the services section over AWS_ENDPOINT_URL (service-specific first)",
      { services: "local" },
      { AWS_ENDPOINT_URL: "http://env-all:1" },
      "http://services:1",
    ],
    [
      "AWS_ENDPOINT_URL over the profile's endpoint_url",
      { endpoint_url: "http://profile:1" },
      { AWS_ENDPOINT_URL: "http://env-all:1" },
      "http://env-all:1",
    ],
    [
      "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true",
      { endpoint_url: "http://profile:1" },
      { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true", AWS_ENDPOINT_URL_STS: "http://env-sts:1" },
      undefined,
    ],
    [
      "ignore_configured_endpoint_urls in the profile",
      { endpoint_url: "http://profile:1", ignore_configured_endpoint_urls: "True" },
      {},
      undefined,
    ],
    [
      "the variable false wins over the profile's true",
      { endpoint_url: "http://profile:1", ignore_configured_endpoint_urls: "true" },
      { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "false" },
      "http://profile:1",
    ],
    ["empty values are not set", { endpoint_url: " " }, { AWS_ENDPOINT_URL_STS: "" }, undefined],
  ] as const)("%s", (_name, section, env, expected) => {
    expect(configuredStsEndpoint(section, services, env)).toBe(expected);
  });
});
