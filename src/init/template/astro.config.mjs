// @ts-check
import { defineConfig } from 'astro/config';
import mlpages from 'mlpages';
import config from './mlpages.config.mjs';

// The mlpages integration brings the pages, the collections, MDX, the Content-Security-Policy and
// the secret scan. `site` and `base` come from SITE and BASE_PATH, or from GitLab Pages in CI.
export default defineConfig({
	integrations: [mlpages(config)],
});
