/**
 * The program a command line runs, without its arguments: a credential_process line may carry
 * a secret (`--api-key=...`), so messages name the program only. The first word as `sh` reads
 * it (quotes removed), not split further: good enough to recognise, never more than that.
 */
export function programOf(commandLine: string): string {
  const line = commandLine.trim();
  const quote = line[0];
  if (quote === '"' || quote === "'") {
    const end = line.indexOf(quote, 1);
    return end === -1 ? line.slice(1) : line.slice(1, end);
  }
  const space = line.search(/\s/);
  return space === -1 ? line : line.slice(0, space);
}
