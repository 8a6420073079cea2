/**
 * The origins from which pages may write (publish), read from a
 * comma-separated list such as `CORS_WRITE_ORIGINS`: each an http or https
 * origin, `scheme://host[:port]`, answered as browsers send it in `Origin`
 * (lower case, no default port). Empty entries are skipped; nothing (or
 * undefined) is no origin. Throws, naming the entry, for anything that is not
 * an origin: `*`, a path, a query, credentials, another scheme.
 */
export function writeOriginsOf(value: string | undefined): string[] {
  if (value === undefined) return [];
  const origins: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    if (entry === '*') throw new Error('CORS_WRITE_ORIGINS cannot be "*": writes are allowed only from the origins listed, such as https://editor.example.org');
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`CORS_WRITE_ORIGINS must list origins such as https://editor.example.org, separated by commas, but holds: "${entry}"`);
    }
    const bare = url.pathname === '/' && !/[?#]/.test(entry) && url.username === '' && url.password === '';
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
      throw new Error(`CORS_WRITE_ORIGINS must list origins (http or https, a host and maybe a port, no path) but holds: "${entry}"`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}
