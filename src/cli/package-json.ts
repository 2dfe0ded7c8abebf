import { readFileSync } from 'node:fs';

/** The fields of mlpages' own package.json that the commands use. */
export interface OwnPackageJson {
	version: string;
	peerDependencies: Record<string, string>;
	engines: { node: string };
}

/** mlpages' own package.json (two folders up from both src/cli/ and the compiled lib/cli/). */
export function packageJson(): OwnPackageJson {
	return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as OwnPackageJson;
}
