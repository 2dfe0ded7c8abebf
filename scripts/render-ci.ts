import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseComponent, renderComponent } from './ci/gitlab-component.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The GitLab CI/CD component: the one source of mlpages' GitLab jobs. */
export const COMPONENT = `${ROOT}templates/pages.yml`;
/** The `.gitlab-ci.yml` that `mlpages init` writes: the component with its inputs at their defaults. */
export const INIT_GITLAB_CI = `${ROOT}src/init/template/_gitlab-ci.yml`;

/** What the new project's file says about itself, after the component's own comments. */
const INIT_NOTE = `#
# This file is mlpages' GitLab CI/CD component (templates/pages.yml in mlpages' repository) with its
# inputs at their defaults. To change one without editing this file, set a CI/CD variable:
#   MLFLOW_TRACKING_URI=<uri>     another MLflow store (an empty value: the source in mlpages.config.mjs)
#   MLPAGES_PREVIEWS=false        no published previews (GitLab Free: Pages has no parallel deployments
#                                 there, and a preview would replace the site); the comment stays
#   MLPAGES_THRESHOLDS=warn       a metric worse than diff.thresholds allows warns instead of failing
# A large site builds in parallel jobs when parallel: of mlpages:shard and MLPAGES_SHARDS (in
# .mlpages) are set to the same number, as the component's input shards sets both.
#
# Pipelines run for merge requests and for the default branch.
workflow:
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
`;

/** The new project's `.gitlab-ci.yml`, made from the component's text. */
export function initGitlabCi(componentText: string): string {
	const component = parseComponent(componentText);
	return `${component.preamble}\n${INIT_NOTE}\n${renderComponent(component)}`;
}

if (import.meta.main) {
	const want = initGitlabCi(readFileSync(COMPONENT, 'utf8'));
	if (process.argv.includes('--check')) {
		if (readFileSync(INIT_GITLAB_CI, 'utf8') !== want) {
			console.error('src/init/template/_gitlab-ci.yml differs from templates/pages.yml with its defaults: run npm run render:ci.');
			process.exit(1);
		}
		console.log('src/init/template/_gitlab-ci.yml matches templates/pages.yml.');
	} else {
		writeFileSync(INIT_GITLAB_CI, want);
		console.log('Wrote src/init/template/_gitlab-ci.yml from templates/pages.yml.');
	}
}
