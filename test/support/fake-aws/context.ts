/** What a service action handler receives. */
import type { Directory } from "./directory.js";
import type { Caller } from "./model.js";
import type { Endpoint } from "./regions.js";
import { AwsError } from "./xml.js";

/** Non-secret facts an action adds to its log entry. */
export interface ActionNotes {
  roleArn?: string;
  issuedAccessKeyId?: string;
  issuedTokenVersion?: 1 | 2;
  mfaUsed?: boolean;
}

export interface ActionContext {
  endpoint: Endpoint;
  action: string;
  params: Map<string, string>;
  caller: Caller;
  dir: Directory;
  nowMs: number;
  requestId: string;
  notes: ActionNotes;
}

/** Collects STS-style "N validation errors detected" messages. */
export class Validation {
  private readonly problems: string[] = [];

  check(ok: boolean, field: string, value: string | undefined, constraint: string): void {
    if (ok) return;
    const shown = value === undefined ? "null" : `'${value}'`;
    this.problems.push(`Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`);
  }

  /** Length and pattern of an optional string parameter. */
  text(field: string, value: string | undefined, min: number, max: number, pattern?: RegExp): void {
    if (value === undefined) return;
    this.check(value.length >= min, field, value, `Member must have length greater than or equal to ${min}`);
    this.check(value.length <= max, field, value, `Member must have length less than or equal to ${max}`);
    if (pattern) {
      this.check(
        new RegExp(`^(?:${pattern.source})$`).test(value),
        field,
        value,
        `Member must satisfy regular expression pattern: ${pattern.source}`,
      );
    }
  }

  required(field: string, value: string | undefined): void {
    this.check(value !== undefined, field, value, "Member must not be null");
  }

  throwIfAny(): void {
    const n = this.problems.length;
    if (n === 0) return;
    const head = `${n} validation error${n > 1 ? "s" : ""} detected: `;
    throw new AwsError("ValidationError", head + this.problems.join("; "), 400);
  }
}
