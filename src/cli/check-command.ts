import { relative, resolve } from 'node:path';
import { LinksBroken, PreviewAddressMissing, UsageError, exportError } from '../errors.ts';
import { brokenLinks } from '../check/broken-links.ts';
import { hostLimits } from '../integration/host-limits.ts';
import { siteLocation } from '../integration/site-location.ts';
import { siteSizeReport } from '../integration/site-size-report.ts';
import { groupThousands } from '../lib/group-thousands.ts';
import { runSecretScan } from '../security/run-secret-scan.ts';
import type { CommandEffects } from './export-command.ts';
import { printError } from './export-command.ts';
import { parseCommandArgs } from './parse-command-args.ts';

/** How many broken links are listed; the rest are counted. */
const LISTED = 20;

/**
 * `mlpages check [<dir>] [--base <path>] [--preview]`: checks a built site (default `dist`) before
 * it is published: the secret scan (the tracking token in use, secret patterns) and every internal
 * link, script and image of every page, under the base path the site is served at (`--base`,
 * else `BASE_PATH`, else what GitLab CI's `CI_PAGES_URL` says, else `/`). With `--preview`, first
 * that GitLab gave the job a merge request's own address (see previewAddressProblem). Last, the
 * site's size and file count, with a warning for each limit of the host it exceeds (`host` in the
 * project's configuration, else the CI job's host: see hostLimits); a warning, not a failure,
 * since only the host knows its limits for sure.
 * @returns the exit status: 0 clean, 1 a secret, a broken link or no preview address, 2 wrong usage
 */
export async function runCheckCommand(argv: readonly string[], fx: CommandEffects): Promise<number> {
	const args = parseCommandArgs('check', argv);
	if (args.positionals.length > 1) throw exportError(UsageError, `Give one folder, not ${args.positionals.length}.`);
	if (args.values['preview']) {
		const problem = previewAddressProblem(fx.env);
		if (problem) {
			printError(exportError(PreviewAddressMissing, problem), fx.logger);
			return 1;
		}
	}
	return checkSite(resolve(fx.cwd, args.positionals[0] ?? 'dist'), args.values['base'] as string | undefined, fx);
}

/**
 * The checks of `mlpages check` on the built site in `dir`, served under `base` (else `BASE_PATH`,
 * else what GitLab CI's `CI_PAGES_URL` says, else `/`): the secret scan, then every internal link.
 * @returns 0 clean, 1 a secret or a broken link (printed)
 */
export async function checkSite(dir: string, base: string | undefined, fx: CommandEffects): Promise<number> {
	const baseDir = `/${(base ?? siteLocation(fx.env, { base: '/' }).base ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
	const secrets = runSecretScan(dir, { env: fx.env, logger: fx.logger, cwd: fx.cwd });
	const { broken, checked } = brokenLinks(dir, baseDir);
	if (broken.length > 0) {
		const listed = broken.slice(0, LISTED).map((b) => `- ${b}`);
		if (broken.length > LISTED) listed.push(`… and ${groupThousands(broken.length - LISTED)} more`);
		printError(exportError(LinksBroken, groupThousands(broken.length), baseDir, listed.join('\n')), fx.logger);
		return 1;
	}
	fx.logger.info(`Links: all ${groupThousands(checked)} internal links lead to a file under ${baseDir}.`);
	const size = siteSizeReport(dir, hostLimits((await fx.loadConfig()).host, fx.env), `${relative(fx.cwd, dir) || '.'}/`);
	fx.logger.info(size.summary);
	for (const warning of size.warnings) fx.logger.warn(warning);
	return secrets;
}

/**
 * Why a GitLab Pages job must not publish a merge request's preview, or null when it may: the
 * job's `CI_PAGES_URL` must end with the preview's prefix (`PAGES_PREFIX`, else `mr-<iid>`).
 * A GitLab without parallel deployments (Free) ignores `pages.path_prefix` and would publish
 * the preview over the site; it then gives no such address, and Pages deploys nothing from a
 * job that failed.
 */
export function previewAddressProblem(env: Record<string, string | undefined>): string | null {
	const prefix = env['PAGES_PREFIX'] || (env['CI_MERGE_REQUEST_IID'] ? `mr-${env['CI_MERGE_REQUEST_IID']}` : '');
	if (!prefix) return 'neither PAGES_PREFIX nor CI_MERGE_REQUEST_IID is set, so this is not a merge request\'s preview job';
	const url = (env['CI_PAGES_URL'] ?? '').replace(/\/+$/, '');
	if (url.endsWith(`/${prefix}`)) return null;
	return `GitLab gave this job the address ${url || '(none: CI_PAGES_URL is not set)'}, not one ending in /${prefix}, so publishing would replace the site`;
}
