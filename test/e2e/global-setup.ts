import type { TestProject } from 'vitest/node';
import { serveStatic } from './support/static-server.ts';
import { DIST, siteMap } from './support/site.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Root URL of the served site, ending with the base. */
		siteUrl: string;
	}
}

/** Serves the built site (`MLPAGES_E2E_DIST`, else examples/site/dist/) at `BASE_PATH` for every test file. */
export default async function setup(project: TestProject) {
	siteMap(); // fails early, with a message, when there is no built site
	const site = await serveStatic(DIST, process.env['BASE_PATH'] || '/');
	project.provide('siteUrl', site.url);
	return () => site.close();
}
