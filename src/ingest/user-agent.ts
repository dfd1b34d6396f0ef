/** `Sitrep/<version> (+<project url>)`: tells site owners who is fetching and where to read about it. */
import fs from 'node:fs';

interface PackageInfo {
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

function readPackage(): PackageInfo {
  try {
    return JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageInfo;
  } catch {
    return {};
  }
}

function projectUrl(pkg: PackageInfo): string | undefined {
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const url = pkg.homepage ?? repo?.replace(/^git\+/, '').replace(/\.git$/, '');
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

export function sitrepUserAgent(pkg: PackageInfo = readPackage()): string {
  const url = projectUrl(pkg);
  return `Sitrep/${pkg.version ?? '0'}${url ? ` (+${url})` : ''}`;
}
