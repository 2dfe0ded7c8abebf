/**
 * Secret rules ported from gitleaks' default configuration.
 *
 * Source: https://github.com/gitleaks/gitleaks, `config/gitleaks.toml` as released in v8.30.1
 * (the file last changed in commit 09242ce9c8a60d9b051fc2d166f9e849b88c7ac0, 2025-11-20; read at
 * commit b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b). gitleaks is MIT-licensed,
 * Copyright (c) 2019 Zachary Rice; the regular expressions below are derived from it under that
 * licence, whose text ships in THIRD-PARTY-NOTICES.md.
 *
 * Ported (112 of the file's 222 rules): the rules that recognise a secret by its own shape (a
 * prefix, a fixed form), with their ids, keywords and entropy thresholds, plus `private-key`,
 * `jwt`, `curl-auth-header`, `curl-auth-user` and `generic-api-key`. Not ported: the 100 rules
 * that recognise a secret only by a vendor's name written before it (`adafruit-api-key`,
 * `datadog-access-token`, …; `generic-api-key` and `mlpages-secret-assignment` catch these values
 * when the name says key, token, secret or password), `pkcs12-file` (a file-name rule), and
 * `authress-service-client-access-key`, `aws-amazon-bedrock-api-key-short-lived`,
 * `facebook-access-token`, `freemius-secret-key`, `jwt-base64`, `kubernetes-secret-yaml`,
 * `nuget-config-password`, `sidekiq-sensitive-url` and `sourcegraph-access-token` (rare in
 * tracking data, or shapes too loose to redact on sight).
 *
 * Changes made in porting, from Go's RE2 to JavaScript: `(?i)` inside a pattern became explicit
 * letter cases; the trailing `(?:[\x60'"\s;]|\\[nr]|$)` became a lookahead `(?![\w-])` (the
 * token does not go on), which also accepts `<`, `,` or `)` after a token as in HTML and JSON;
 * unbounded repeats are bounded or guarded by a lookbehind so each stays linear (see
 * secret-rule.ts); `aws-access-token`'s allowlist of `…EXAMPLE` keys is dropped (redacting AWS's
 * documentation key does no harm); `generic-api-key`, `curl-auth-*` and `private-key` are
 * restated for linear time (see each).
 */
import { secretRule, type SecretRule } from './secret-rule.ts';

/** The token does not go on: gitleaks' terminator as a lookahead. */
const END = String.raw`(?![\w-])`;

export const GITLEAKS_RULES: readonly SecretRule[] = [
	secretRule('1password-secret-key', ['a3-'], String.raw`\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b`, { entropy: 3.8 }),
	secretRule('1password-service-account-token', ['ops_'], String.raw`ops_eyJ[a-zA-Z0-9+/]{250,8192}={0,3}`, { entropy: 4 }),
	secretRule('adobe-client-secret', ['p8e-'], String.raw`\bp8e-[a-zA-Z0-9]{32}${END}`, { entropy: 2 }),
	secretRule('age-secret-key', ['age-secret-key-1'], String.raw`AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}`),
	// gitleaks' keyword is "airtable", which the token itself does not hold.
	secretRule('airtable-personnal-access-token', ['pat'], String.raw`\bpat[a-zA-Z0-9]{14}\.[a-f0-9]{64}\b`),
	secretRule('alibaba-access-key-id', ['ltai'], String.raw`\bLTAI[a-zA-Z0-9]{20}${END}`, { entropy: 2 }),
	secretRule('anthropic-admin-api-key', ['sk-ant-admin01'], String.raw`\bsk-ant-admin01-[a-zA-Z0-9_-]{93}AA${END}`),
	secretRule('anthropic-api-key', ['sk-ant-api03'], String.raw`\bsk-ant-api03-[a-zA-Z0-9_-]{93}AA${END}`),
	secretRule('artifactory-api-key', ['akcp'], String.raw`\bAKCp[A-Za-z0-9]{69}\b`, { entropy: 4.5 }),
	secretRule('artifactory-reference-token', ['cmvmd'], String.raw`\bcmVmd[A-Za-z0-9]{59}\b`, { entropy: 4.5 }),
	secretRule('aws-access-token', ['a3t', 'akia', 'asia', 'abia', 'acca'], String.raw`\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`, { entropy: 3 }),
	secretRule('aws-amazon-bedrock-api-key-long-lived', ['absk'], String.raw`\bABSK[A-Za-z0-9+/]{109,269}={0,2}(?![\w+/=-])`, { entropy: 3 }),
	secretRule('azure-ad-client-secret', ['q~'], String.raw`(?<![^\\'"\x60\s>=:(,)])[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}(?![^\\'"\x60\s<),])`, { entropy: 3 }),
	secretRule('clickhouse-cloud-api-secret-key', ['4b1d'], String.raw`\b4b1d[A-Za-z0-9]{38}\b`, { entropy: 3 }),
	secretRule('clojars-api-token', ['clojars_'], String.raw`CLOJARS_[a-z0-9]{60}`, { flags: 'i', entropy: 2 }),
	secretRule('cloudflare-origin-ca-key', ['v1.0-'], String.raw`\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}${END}`, { entropy: 2 }),
	// gitleaks: `\bcurl\b(?:.*?|.*?(?:[\r\n]{1,2}.*?){1,5})[ \t\n\r](?:-H|--header)…`; here the
	// option must follow `curl` on the same line within 200 characters, and the quoted header's
	// value is the secret.
	secretRule(
		'curl-auth-header',
		['curl'],
		String.raw`(?<pre>\bcurl\b[^\n]{0,200}?\s(?:-H|--header)(?:=|[ \t]{0,5})["']?(?:Authorization:[ \t]{0,5}(?:(?:Basic|Bearer|(?:Api-)?Token)[ \t])?|(?:X-(?:[a-z]{1,20}-)?)?(?:Api-?)?(?:Key|Token):[ \t]{0,5}))(?!\[redacted\])[\w=~@.+/-]{8,4096}`,
		{ dataOnly: true, flags: 'i', entropy: 2.75 },
	),
	// gitleaks: `\bcurl\b(?:.*|…)[ \t\n\r](?:-u|--user)(?:=|[ \t]{0,5})(…user:password…)`; here
	// on the same line within 200 characters, and the password after the first colon is the secret.
	secretRule('curl-auth-user', ['curl'], String.raw`(?<pre>\bcurl\b[^\n]{0,200}?\s(?:-u|--user)(?:=|[ \t]{1,5})["']?[^\s:"']{1,256}:)(?!\[redacted\])[^\s"']{1,512}`, {
		dataOnly: true,
		entropy: 1,
		except: /^(?:change(?:it|me)|pass(?:word)?|pwd|test|token|\*+|x+|\$\w+|\$\{\w+\})$/i,
	}),
	secretRule('databricks-api-token', ['dapi'], String.raw`\bdapi[a-f0-9]{32}(?:-\d)?${END}`, { entropy: 3 }),
	secretRule('digitalocean-access-token', ['doo_v1_'], String.raw`\bdoo_v1_[a-f0-9]{64}${END}`, { entropy: 3 }),
	secretRule('digitalocean-pat', ['dop_v1_'], String.raw`\bdop_v1_[a-f0-9]{64}${END}`, { entropy: 3 }),
	secretRule('digitalocean-refresh-token', ['dor_v1_'], String.raw`\bdor_v1_[a-f0-9]{64}${END}`, { flags: 'i' }),
	secretRule('doppler-api-token', ['dp.pt.'], String.raw`dp\.pt\.[a-zA-Z0-9]{43}`, { entropy: 2 }),
	secretRule('duffel-api-token', ['duffel_'], String.raw`duffel_(?:test|live)_[a-zA-Z0-9_=-]{43}`, { entropy: 2 }),
	secretRule('dynatrace-api-token', ['dt0c01.'], String.raw`dt0c01\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{64}`, { entropy: 4 }),
	secretRule('easypost-api-token', ['ezak'], String.raw`\bEZAK[a-zA-Z0-9]{54}\b`, { entropy: 2 }),
	secretRule('easypost-test-api-token', ['eztk'], String.raw`\bEZTK[a-zA-Z0-9]{54}\b`, { entropy: 2 }),
	secretRule('facebook-page-access-token', ['eaam', 'eaac'], String.raw`\bEAA[MC][a-zA-Z0-9]{100,4096}${END}`, { entropy: 4 }),
	secretRule('flutterwave-encryption-key', ['flwseck_test'], String.raw`FLWSECK_TEST-[a-hA-H0-9]{12}`, { entropy: 2 }),
	secretRule('flutterwave-public-key', ['flwpubk_test'], String.raw`FLWPUBK_TEST-[a-hA-H0-9]{32}-X`, { entropy: 2 }),
	secretRule('flutterwave-secret-key', ['flwseck_test'], String.raw`FLWSECK_TEST-[a-hA-H0-9]{32}-X`, { entropy: 2 }),
	secretRule('flyio-access-token', ['fo1_', 'fm1', 'fm2_'], String.raw`\b(?:fo1_[\w-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,4096}={0,3}|fm2_[a-zA-Z0-9+/]{100,4096}={0,3})(?![\w+/=-])`, { entropy: 4 }),
	secretRule('frameio-api-token', ['fio-u-'], String.raw`fio-u-[a-zA-Z0-9_=-]{64}`),
	secretRule('gcp-api-key', ['aiza'], String.raw`\bAIza[\w-]{35}${END}`, { entropy: 4 }),
	secretRule('github-app-token', ['ghu_', 'ghs_'], String.raw`(?:ghu|ghs)_[0-9a-zA-Z]{36}`, { entropy: 3 }),
	// gitleaks: exactly 82 characters; here 22 or more, so that a token cut short is redacted too.
	secretRule('github-fine-grained-pat', ['github_pat_'], String.raw`github_pat_\w{22,255}`, { entropy: 3 }),
	secretRule('github-oauth', ['gho_'], String.raw`gho_[0-9a-zA-Z]{36}`, { entropy: 3 }),
	secretRule('github-pat', ['ghp_'], String.raw`ghp_[0-9a-zA-Z]{36}`, { entropy: 3 }),
	secretRule('github-refresh-token', ['ghr_'], String.raw`ghr_[0-9a-zA-Z]{36}`, { entropy: 3 }),
	secretRule('gitlab-cicd-job-token', ['glcbt-'], String.raw`glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}`, { entropy: 3 }),
	secretRule('gitlab-deploy-token', ['gldt-'], String.raw`gldt-[0-9a-zA-Z_-]{20}`, { entropy: 3 }),
	secretRule('gitlab-feature-flag-client-token', ['glffct-'], String.raw`glffct-[0-9a-zA-Z_-]{20}`, { entropy: 3 }),
	secretRule('gitlab-feed-token', ['glft-'], String.raw`glft-[0-9a-zA-Z_-]{20}`, { entropy: 3 }),
	secretRule('gitlab-incoming-mail-token', ['glimt-'], String.raw`glimt-[0-9a-zA-Z_-]{25}`, { entropy: 3 }),
	secretRule('gitlab-kubernetes-agent-token', ['glagent-'], String.raw`glagent-[0-9a-zA-Z_-]{50}`, { entropy: 3 }),
	secretRule('gitlab-oauth-app-secret', ['gloas-'], String.raw`gloas-[0-9a-zA-Z_-]{64}`, { entropy: 3 }),
	secretRule('gitlab-pat', ['glpat-'], String.raw`glpat-[\w-]{20}`, { entropy: 3 }),
	secretRule('gitlab-pat-routable', ['glpat-'], String.raw`\bglpat-[0-9a-zA-Z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}\b`, { entropy: 4 }),
	secretRule('gitlab-ptt', ['glptt-'], String.raw`glptt-[0-9a-f]{40}`, { entropy: 3 }),
	secretRule('gitlab-rrt', ['gr1348941'], String.raw`GR1348941[\w-]{20}`, { entropy: 3 }),
	secretRule('gitlab-runner-authentication-token', ['glrt-'], String.raw`glrt-[0-9a-zA-Z_-]{20}`, { entropy: 3 }),
	secretRule('gitlab-runner-authentication-token-routable', ['glrt-'], String.raw`\bglrt-t\d_[0-9a-zA-Z_-]{27,300}\.[0-9a-z]{2}[0-9a-z]{7}\b`, { entropy: 4 }),
	secretRule('gitlab-scim-token', ['glsoat-'], String.raw`glsoat-[0-9a-zA-Z_-]{20}`, { entropy: 3 }),
	secretRule('gitlab-session-cookie', ['_gitlab_session='], String.raw`(?<pre>_gitlab_session=)[0-9a-z]{32}`, { entropy: 3 }),
	secretRule('grafana-api-key', ['eyjrijoi'], String.raw`\beyJrIjoi[A-Za-z0-9]{70,400}={0,3}${END}`, { flags: 'i', entropy: 3 }),
	secretRule('grafana-cloud-api-token', ['glc_'], String.raw`\bglc_[A-Za-z0-9+/]{32,400}={0,3}(?![\w+/=-])`, { flags: 'i', entropy: 3 }),
	secretRule('grafana-service-account-token', ['glsa_'], String.raw`\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}${END}`, { flags: 'i', entropy: 3 }),
	secretRule('harness-api-key', ['pat.', 'sat.'], String.raw`(?:pat|sat)\.[a-zA-Z0-9_-]{22}\.[a-zA-Z0-9]{24}\.[a-zA-Z0-9]{20}`),
	secretRule('hashicorp-tf-api-token', ['atlasv1'], String.raw`[a-zA-Z0-9]{14}\.atlasv1\.[a-zA-Z0-9_=-]{60,70}`, { entropy: 3.5 }),
	secretRule('heroku-api-key-v2', ['hrku-aa'], String.raw`\bHRKU-AA[0-9a-zA-Z_-]{58}${END}`, { entropy: 4 }),
	secretRule('huggingface-access-token', ['hf_'], String.raw`\bhf_[a-zA-Z]{34}${END}`, { entropy: 2 }),
	secretRule('huggingface-organization-api-token', ['api_org_'], String.raw`\bapi_org_[a-zA-Z]{34}${END}`, { entropy: 2 }),
	secretRule('infracost-api-token', ['ico-'], String.raw`\bico-[a-zA-Z0-9]{32}${END}`, { entropy: 3 }),
	secretRule('intra42-client-secret', ['s-s4t2ud-', 's-s4t2af-'], String.raw`\bs-s4t2(?:ud|af)-[abcdefABCDEF0123456789]{64}${END}`, { entropy: 3 }),
	secretRule('jwt', ['ey'], String.raw`\bey[a-zA-Z0-9]{17,4096}\.ey[a-zA-Z0-9/\\_-]{17,8192}\.(?:[a-zA-Z0-9/\\_-]{10,4096}={0,2})?(?![\w/\\=-])`, { entropy: 3 }),
	secretRule('linear-api-key', ['lin_api_'], String.raw`lin_api_[a-zA-Z0-9]{40}`, { entropy: 2 }),
	secretRule('maxmind-license-key', ['_mmk'], String.raw`\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk${END}`, { entropy: 4 }),
	secretRule('microsoft-teams-webhook', ['webhook.office.com', 'webhookb2', 'incomingwebhook'], String.raw`https://[a-z0-9]{1,100}\.webhook\.office\.com/webhookb2/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}@[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}/IncomingWebhook/[a-z0-9]{32}/[a-z0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12}`),
	secretRule('notion-api-token', ['ntn_'], String.raw`\bntn_[0-9]{11}[A-Za-z0-9]{35}${END}`, { entropy: 4 }),
	secretRule('npm-access-token', ['npm_'], String.raw`\bnpm_[a-z0-9]{36}${END}`, { flags: 'i', entropy: 2 }),
	secretRule('octopus-deploy-api-key', ['api-'], String.raw`\bAPI-[A-Z0-9]{26}${END}`, { entropy: 3 }),
	secretRule('openai-api-key', ['t3blbkfj'], String.raw`\bsk-(?:(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})|[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20})${END}`, { entropy: 3 }),
	secretRule('openshift-user-token', ['sha256~'], String.raw`\bsha256~[\w-]{43}${END}`, { entropy: 3.5 }),
	secretRule('perplexity-api-key', ['pplx-'], String.raw`\bpplx-[a-zA-Z0-9]{48}${END}`, { entropy: 4 }),
	secretRule('planetscale-api-token', ['pscale_tkn_'], String.raw`\bpscale_tkn_[\w=.-]{32,64}(?![\w=.-])`, { entropy: 3 }),
	secretRule('planetscale-oauth-token', ['pscale_oauth_'], String.raw`\bpscale_oauth_[\w=.-]{32,64}(?![\w=.-])`, { entropy: 3 }),
	secretRule('planetscale-password', ['pscale_pw_'], String.raw`\bpscale_pw_[\w=.-]{32,64}(?![\w=.-])`, { flags: 'i', entropy: 3 }),
	secretRule('postman-api-token', ['pmak-'], String.raw`\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}${END}`, { entropy: 3 }),
	secretRule('prefect-api-token', ['pnu_'], String.raw`\bpnu_[a-zA-Z0-9]{36}${END}`, { entropy: 2 }),
	// gitleaks: `(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]{64,}?KEY(?: BLOCK)?-----`.
	// Here the block runs to its END line, or to the end of the text when that is missing (a cut
	// key is still secret); the header alone is enough.
	secretRule('private-key', ['-----begin'], String.raw`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$)`, { flags: 'i' }),
	secretRule('pulumi-api-token', ['pul-'], String.raw`\bpul-[a-f0-9]{40}${END}`, { entropy: 2 }),
	secretRule('pypi-upload-token', ['pypi-ageichlwas5vcmc'], String.raw`pypi-AgEIcHlwaS5vcmc[\w-]{50,1000}`, { entropy: 3 }),
	secretRule('readme-api-token', ['rdme_'], String.raw`\brdme_[a-z0-9]{70}${END}`, { entropy: 2 }),
	secretRule('rubygems-api-token', ['rubygems_'], String.raw`\brubygems_[a-f0-9]{48}${END}`, { entropy: 2 }),
	secretRule('scalingo-api-token', ['tk-us-'], String.raw`\btk-us-[\w-]{48}${END}`, { entropy: 2 }),
	secretRule('sendgrid-api-token', ['sg.'], String.raw`\bSG\.[a-zA-Z0-9=_.-]{66}(?![\w=.-])`, { entropy: 2 }),
	secretRule('sendinblue-api-token', ['xkeysib-'], String.raw`\bxkeysib-[a-f0-9]{64}-[a-zA-Z0-9]{16}${END}`, { entropy: 2 }),
	secretRule('sentry-org-token', ['sntrys_eyjpyxqio'], String.raw`\bsntrys_eyJpYXQiO[a-zA-Z0-9+/]{10,200}(?:LCJyZWdpb25fdXJs|InJlZ2lvbl91cmwi|cmVnaW9uX3VybCI6)[a-zA-Z0-9+/]{10,200}={0,2}_[a-zA-Z0-9+/]{43}(?![a-zA-Z0-9+/])`, { entropy: 4.5 }),
	secretRule('sentry-user-token', ['sntryu_'], String.raw`\bsntryu_[a-f0-9]{64}${END}`, { entropy: 3.5 }),
	secretRule('settlemint-application-access-token', ['sm_aat'], String.raw`\bsm_aat_[a-zA-Z0-9]{16}${END}`, { entropy: 3 }),
	secretRule('settlemint-personal-access-token', ['sm_pat'], String.raw`\bsm_pat_[a-zA-Z0-9]{16}${END}`, { entropy: 3 }),
	secretRule('settlemint-service-access-token', ['sm_sat'], String.raw`\bsm_sat_[a-zA-Z0-9]{16}${END}`, { entropy: 3 }),
	secretRule('shippo-api-token', ['shippo_'], String.raw`\bshippo_(?:live|test)_[a-fA-F0-9]{40}${END}`, { entropy: 2 }),
	secretRule('shopify-access-token', ['shpat_'], String.raw`shpat_[a-fA-F0-9]{32}`, { entropy: 2 }),
	secretRule('shopify-custom-access-token', ['shpca_'], String.raw`shpca_[a-fA-F0-9]{32}`, { entropy: 2 }),
	secretRule('shopify-private-app-access-token', ['shppa_'], String.raw`shppa_[a-fA-F0-9]{32}`, { entropy: 2 }),
	secretRule('shopify-shared-secret', ['shpss_'], String.raw`shpss_[a-fA-F0-9]{32}`, { entropy: 2 }),
	secretRule('slack-app-token', ['xapp'], String.raw`xapp-\d-[A-Z0-9]{1,64}-\d{1,32}-[a-z0-9]{1,256}`, { flags: 'i', entropy: 2 }),
	secretRule('slack-bot-token', ['xoxb'], String.raw`(?<![a-zA-Z0-9-])xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*`, { entropy: 3 }),
	secretRule('slack-config-access-token', ['xoxe.xoxb-', 'xoxe.xoxp-'], String.raw`xoxe.xox[bp]-\d-[A-Z0-9]{163,166}`, { flags: 'i', entropy: 2 }),
	secretRule('slack-config-refresh-token', ['xoxe-'], String.raw`xoxe-\d-[A-Z0-9]{146}`, { flags: 'i', entropy: 2 }),
	secretRule('slack-legacy-bot-token', ['xoxb'], String.raw`xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}`, { entropy: 2 }),
	secretRule('slack-legacy-token', ['xoxo', 'xoxs'], String.raw`xox[os]-\d{1,32}-\d{1,32}-\d{1,32}-[a-fA-F\d]{1,256}`, { entropy: 2 }),
	secretRule('slack-legacy-workspace-token', ['xoxa', 'xoxr'], String.raw`xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48}`, { entropy: 2 }),
	secretRule('slack-user-token', ['xoxp-', 'xoxe-'], String.raw`xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}`, { entropy: 2 }),
	secretRule('slack-webhook-url', ['hooks.slack.com'], String.raw`(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}`),
	secretRule('square-access-token', ['sq0atp-', 'eaaa'], String.raw`\b(?:EAAA|sq0atp-)[\w-]{22,60}${END}`, { entropy: 2 }),
	secretRule('stripe-access-token', ['sk_test', 'sk_live', 'sk_prod', 'rk_test', 'rk_live', 'rk_prod'], String.raw`\b(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}${END}`, { entropy: 2 }),
	secretRule('twilio-api-key', ['sk'], String.raw`SK[0-9a-fA-F]{32}`, { entropy: 3 }),
	secretRule('vault-batch-token', ['hvb.'], String.raw`\bhvb\.[\w-]{138,300}${END}`, { entropy: 4 }),
	// gitleaks also matches the legacy `s.` + 24 characters, with an allowlist; that shape is too
	// common in ordinary text to redact on sight.
	secretRule('vault-service-token', ['hvs.'], String.raw`\bhvs\.[\w-]{90,120}${END}`, { entropy: 3.5 }),
	// gitleaks: `(?i)[\w.-]{0,50}?(?:access|auth|(?-i:[Aa]pi|API)|credential|creds|key|passw(?:or)?d|secret|token)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})(?:[\x60'"\s;]|\\[nr]|$)`,
	// entropy 3.5, and allowlists: values of letters and `_.-` only, and names such as `api_version`
	// or `public_key`. Here the name's prefix is not matched (it is kept anyway), `api` is any
	// case, the separators are `=`, `:`, `:=`, `::=` and `=>` (not `,`, `>` or `||`), and the
	// second form is bounded to 150 characters like the first.
	secretRule(
		'generic-api-key',
		['access', 'api', 'auth', 'key', 'credential', 'creds', 'passwd', 'password', 'secret', 'token'],
		String.raw`(?<pre>(?:access|auth|api|credential|creds|key|passw(?:or)?d|secret|token)[\w.-]{0,20}["']?[ \t]{0,3}(?:=>|:{1,3}=|=|:)[\x60'"\s=]{0,5})(?!\[redacted\])(?:[\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,150}={0,3})(?![\w.=+/-])`,
		{
			dataOnly: true,
			flags: 'i',
			entropy: 3.5,
			except: /^[a-zA-Z_.-]+$/,
			exceptContext:
				/(?:access(?:ibility|or)|access[_.-]?id|random[_.-]?access|api[_.-]?(?:id|name|version)|rapid|capital|author|(?:credentials?[_.-]?id|withCredentials)|(?:bucket|foreign|hot|idx|natural|primary|pub(?:lic)?|schema|sequence)[_.-]?key|key[_.-]?(?:alias|board|code|frame|id|length|mesh|name|pair|press(?:ed)?|ring|selector|signature|size|stone|storetype|word|up|down|left|right)|key[_.-]?vault[_.-]?(?:id|name)|key(?:store|tab)[_.-]?(?:file|path)|keying|[dm]onkey|turkey|secret[_.-]?(?:length|name|size)|csrf[_.-]?token|(?:api|credentials|token)[_.-]?(?:endpoint|ur[il])|public[_.-]?token|(?:key|token)[_.-]?file)/i,
		},
	),
];
