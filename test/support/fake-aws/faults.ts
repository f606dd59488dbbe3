/** Run-time fault injection: errors, garbage bodies, hangs, resets, delays. */
import type { Service } from "./regions.js";

/**
 * - `error`: answer with an AWS error (`code`, `status`, `message`);
 * - `nonXml`: answer with `body` (default an HTML page) and `status` (default 502);
 * - `hang`: accept the request and never answer;
 * - `reset`: destroy the connection without answering.
 */
export type FaultKind = "error" | "nonXml" | "hang" | "reset";

export interface FaultSpec {
  kind?: FaultKind;
  /** Only requests for this action (e.g. `AssumeRole`). */
  action?: string;
  /** Only requests that reached this host (e.g. `sts.ap-east-1.amazonaws.com`). */
  host?: string;
  service?: Service;
  /** How many matching requests are affected (default 1; -1 or Infinity = until cleared). */
  count?: number;
  code?: string;
  status?: number;
  message?: string;
  body?: string;
  /** Extra delay before this faulty answer. */
  delayMs?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  kind: FaultKind;
  remaining: number;
}

const KNOWN_ERRORS: Record<string, { status: number; message: string }> = {
  Throttling: { status: 400, message: "Rate exceeded" },
  ThrottlingException: { status: 400, message: "Rate exceeded" },
  RequestLimitExceeded: { status: 503, message: "Request limit exceeded." },
  InternalFailure: { status: 500, message: "An internal error has occurred" },
  InternalError: { status: 500, message: "An internal error has occurred" },
  ServiceUnavailable: { status: 503, message: "Service is unavailable" },
  IDPCommunicationError: { status: 400, message: "The identity provider could not be reached" },
};

export function errorDefaults(code: string): { status: number; message: string } {
  return KNOWN_ERRORS[code] ?? { status: 400, message: code };
}

export class Faults {
  private readonly active: ActiveFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): ActiveFault {
    const count = spec.count === undefined ? 1 : spec.count < 0 ? Infinity : spec.count;
    const fault: ActiveFault = { ...spec, kind: spec.kind ?? "error", id: this.nextId++, remaining: count };
    this.active.push(fault);
    return fault;
  }

  /** Consumes one use of the first fault matching the request, if any. */
  take(req: { action?: string; host: string; service?: Service }): ActiveFault | undefined {
    const i = this.active.findIndex(
      (f) =>
        f.remaining > 0 &&
        (f.action === undefined || f.action === req.action) &&
        (f.host === undefined || f.host === req.host) &&
        (f.service === undefined || f.service === req.service),
    );
    const f = this.active[i];
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining <= 0) this.active.splice(i, 1);
    return f;
  }

  list(): ActiveFault[] {
    return this.active.map((f) => ({ ...f }));
  }

  clear(): void {
    this.active.length = 0;
  }
}
