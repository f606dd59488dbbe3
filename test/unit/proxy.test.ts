import { describe, expect, it } from "vitest";
import { proxyForUrl } from "../../src/credentials/proxy";

const STS = "https://sts.ap-east-1.amazonaws.com";
const P = "http://proxy.corp:3128";

describe("proxyForUrl", () => {
  it.each<[string, string, Record<string, string>, string | undefined]>([
    ["no proxy set", STS, {}, undefined],
    ["HTTPS_PROXY", STS, { HTTPS_PROXY: P }, P],
    ["https_proxy", STS, { https_proxy: P }, P],
    ["lower case wins over upper case", STS, { https_proxy: P, HTTPS_PROXY: "http://other:1" }, P],
    ["empty https_proxy falls back to HTTPS_PROXY", STS, { https_proxy: "", HTTPS_PROXY: P }, P],
    ["ALL_PROXY when no HTTPS_PROXY", STS, { ALL_PROXY: P }, P],
    ["HTTP_PROXY is not used for https", STS, { HTTP_PROXY: P }, undefined],
    ["HTTP_PROXY for http", "http://127.0.0.1:8080/", { HTTP_PROXY: P }, P],
    ["NO_PROXY exact host", STS, { HTTPS_PROXY: P, NO_PROXY: "sts.ap-east-1.amazonaws.com" }, undefined],
    ["no_proxy lower case", STS, { HTTPS_PROXY: P, no_proxy: "sts.ap-east-1.amazonaws.com" }, undefined],
    ["NO_PROXY exact host, any case", STS, { HTTPS_PROXY: P, NO_PROXY: "STS.AP-EAST-1.AMAZONAWS.COM" }, undefined],
    ["NO_PROXY other host", STS, { HTTPS_PROXY: P, NO_PROXY: "sts.us-east-1.amazonaws.com" }, P],
    ["NO_PROXY .domain suffix", STS, { HTTPS_PROXY: P, NO_PROXY: ".amazonaws.com" }, undefined],
    ["NO_PROXY bare domain suffix", STS, { HTTPS_PROXY: P, NO_PROXY: "amazonaws.com" }, undefined],
    ["NO_PROXY *.domain suffix", STS, { HTTPS_PROXY: P, NO_PROXY: "*.amazonaws.com" }, undefined],
    ["NO_PROXY suffix is not a substring", STS, { HTTPS_PROXY: P, NO_PROXY: "zonaws.com" }, P],
    [
      "NO_PROXY in a list with spaces",
      STS,
      { HTTPS_PROXY: P, NO_PROXY: "localhost, 127.0.0.1 ,.amazonaws.com" },
      undefined,
    ],
    ["NO_PROXY *", STS, { HTTPS_PROXY: P, NO_PROXY: "*" }, undefined],
    [
      "NO_PROXY host with the default port",
      STS,
      { HTTPS_PROXY: P, NO_PROXY: "sts.ap-east-1.amazonaws.com:443" },
      undefined,
    ],
    ["NO_PROXY host with another port", STS, { HTTPS_PROXY: P, NO_PROXY: "sts.ap-east-1.amazonaws.com:8443" }, P],
    [
      "NO_PROXY suffix with the URL's own port",
      "https://sts.local.test:8443",
      { HTTPS_PROXY: P, NO_PROXY: ".local.test:8443" },
      undefined,
    ],
    [
      "NO_PROXY suffix with another port",
      "https://sts.local.test:8443",
      { HTTPS_PROXY: P, NO_PROXY: ".local.test:443" },
      P,
    ],
    ["NO_PROXY IPv4", "https://127.0.0.1:4443", { HTTPS_PROXY: P, NO_PROXY: "127.0.0.1" }, undefined],
    ["NO_PROXY IPv6 loopback", "https://[::1]:4443", { HTTPS_PROXY: P, NO_PROXY: "::1" }, undefined],
  ])("%s", (_name, url, env, expected) => {
    expect(proxyForUrl(url, env)).toBe(expected);
  });
});
