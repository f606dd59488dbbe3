import type { IniSections } from "./ini-parse";
import { sectionsText } from "./ini-sections";
import type { LoadedConfig, SectionMap } from "./load";
import { neededSections } from "./load-for";

/** The shared files' text the AWS SDK gets to read on a miss, in place of the files themselves. */
export interface SdkFiles {
  config: string;
  credentials: string;
}

/**
 * What the SDK's loaders are shown (through its externalDataInterceptor, in connection.ts):
 * the sections this call can need (neededSections), written back from our own reading. Two
 * reasons. The SDK parses the whole file again for every setting it loads, a dozen times per
 * miss, which with 30,000 profiles costs more than the rest of the call. And it then reads
 * the profiles as we and the AWS CLI do (`[default]` after `[profile default]`, `Region =`),
 * so the source credentials are those of the profile the AWS CLI asked for.
 */
export function sdkFiles(config: LoadedConfig, names: (string | undefined)[]): SdkFiles {
  const needed = neededSections(
    names.filter((n): n is string => n !== undefined),
    config,
  );
  return {
    config: sectionsText(only(config.profiles, needed), "profile."),
    credentials: sectionsText(only(config.credentials, needed), ""),
  };
}

function only(map: SectionMap, names: readonly string[]): IniSections {
  const out: IniSections = Object.create(null);
  for (const name of names) if (map[name]) out[name] = map[name] as Record<string, string>;
  return out;
}
