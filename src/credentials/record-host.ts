import type { MiddlewareStack } from "@smithy/types";

// Every SDK v3 client has a middleware stack; the input/output types do not matter here.
// biome-ignore lint/suspicious/noExplicitAny: any client's stack, whatever its input and output types
type AnyStack = MiddlewareStack<any, any>;

/**
 * Sends one request with an SDK client and reports the host it reached, so that messages can
 * name the endpoint (the SDK's endpoint rules chose it). A failure carries the host as `$host`.
 * The client is destroyed afterwards: each call builds its own.
 */
export async function sendRecordingHost<R>(
  client: { middlewareStack: AnyStack; destroy(): void },
  send: () => Promise<R>,
): Promise<{ response: R; host: string }> {
  let host = "";
  client.middlewareStack.add(
    (next) => async (args) => {
      host = (args.request as { hostname?: string }).hostname ?? host;
      return next(args);
    },
    { step: "finalizeRequest", name: "regionalStsRecordHost" },
  );
  try {
    return { response: await send(), host };
  } catch (error) {
    if (typeof error === "object" && error !== null) Object.assign(error, { $host: host });
    throw error;
  } finally {
    client.destroy();
  }
}
