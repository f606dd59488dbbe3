/**
 * The proxy for a URL from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case), as curl and the
 * AWS CLI read them. Node's http module ignores these variables, so we apply them ourselves.
 */
export function proxyForUrl(url: string, env: Record<string, string | undefined>): string | undefined {
  const { protocol, hostname, port } = new URL(url);
  const pick = (name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  const proxy =
    protocol === "https:" ? (pick("https_proxy") ?? pick("all_proxy")) : (pick("http_proxy") ?? pick("all_proxy"));
  if (!proxy) return undefined;
  const noProxy = pick("no_proxy");
  const effectivePort = port || (protocol === "https:" ? "443" : "80");
  return noProxy && bypasses(hostname, effectivePort, noProxy) ? undefined : proxy;
}

function bypasses(hostname: string, port: string, noProxy: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === "*") return true;
      const [pattern, entryPort] = splitHostPort(entry.toLowerCase());
      if (entryPort && entryPort !== port) return false;
      const bare = pattern.replace(/^\*?\./, "");
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, or a bare IPv6 address (no port). */
function splitHostPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return [bracketed[1]!, bracketed[2]];
  const withPort = /^([^:]*):(\d+)$/.exec(entry);
  return withPort ? [withPort[1]!, withPort[2]] : [entry, undefined];
}
