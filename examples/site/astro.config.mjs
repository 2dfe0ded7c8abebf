// @ts-check
import { defineConfig } from 'astro/config';
import mlpages from 'mlpages';
import config from './mlpages.config.mjs';

// The example site, set up as `mlpages init` sets up a user's project: the integration brings
// the pages, the collections, MDX, the Content-Security-Policy and the secret scan.
export default defineConfig({
	integrations: [mlpages(config)],
});
