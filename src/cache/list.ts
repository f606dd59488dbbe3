import { lstatSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { basename, join } from "node:path";
import { CACHE_FORMAT } from "./entry";

/** What `cache list` shows of an entry: never a key id, secret or token. */
export interface EntrySummary {
  file: string;
  /** The cache key (the file's name): what a profile's settings map to. */
  key: string;
  profile: string;
  roleArn: string;
  stsRegion: string;
  createdAt: string;
  expiration: string;
}

const ENTRY_FILE = /^[0-9a-f]{40}\.json$/;

/** Reads one entry file's public fields; anything damaged or foreign is undefined. */
export function readEntrySummary(path: string): EntrySummary | undefined {
  try {
    const value = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    const credentials = value.credentials as Record<string, unknown> | undefined;
    const text = (v: unknown) => (typeof v === "string" ? v : undefined);
    const fields = [
      text(value.profile),
      text(value.roleArn),
      text(value.stsRegion),
      text(value.createdAt),
      text(credentials?.expiration),
    ];
    if (value.format !== CACHE_FORMAT || fields.some((f) => f === undefined)) return undefined;
    const [profile, roleArn, stsRegion, createdAt, expiration] = fields as string[];
    const key = basename(path).replace(/\.json$/, "");
    return {
      file: path,
      key,
      profile: profile!,
      roleArn: roleArn!,
      stsRegion: stsRegion!,
      createdAt: createdAt!,
      expiration: expiration!,
    };
  } catch {
    return undefined;
  }
}

/** Every entry in the cache folder, soonest expiry last; a missing folder is an empty cache. */
export function listEntries(dir: string): EntrySummary[] {
  return namesIn(dir)
    .filter((name) => ENTRY_FILE.test(name) && lstatSync(join(dir, name)).isFile())
    .map((name) => readEntrySummary(join(dir, name)))
    .filter((e): e is EntrySummary => e !== undefined)
    .sort((a, b) => a.profile.localeCompare(b.profile) || b.expiration.localeCompare(a.expiration));
}

/**
 * Removes cached credentials: every entry file (damaged ones too) and the remembered region
 * fallbacks, or, with a choice, only the entries it picks. Returns how many entries went.
 */
export function clearEntries(dir: string, pick?: (entry: EntrySummary | undefined, key: string) => boolean): number {
  const names = namesIn(dir);
  let removed = 0;
  for (const name of names.filter((n) => ENTRY_FILE.test(n))) {
    const path = join(dir, name);
    if (pick !== undefined && !pick(readEntrySummary(path), name.slice(0, -".json".length))) continue;
    unlinkSync(path);
    removed++;
  }
  if (pick === undefined) {
    for (const name of names.filter((n) => n === "region-fallbacks.json")) unlinkSync(join(dir, name));
  }
  return removed;
}

/** The cache folder's file names; a folder not created yet is an empty cache. */
export function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}
