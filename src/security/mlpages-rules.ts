/**
 * Secret rules of our own, for what tracking data holds and gitleaks' rules do not catch:
 * credentials in URLs (with `/` or `#` in the password, or a token as the user name), secret URL
 * parameters, `password = "a quoted value with spaces"` in code, JSON, Python dicts, YAML and
 * `.env` files (the whole value, whatever the key's prefix: `db_pass`, `clientSecret`,
 * `passphrase`, Azure's `AccountKey=`), command-line options (`--password x`), HTTP
 * authorisation headers, chat webhooks, OpenAI-style `sk-…` keys and AWS secret access keys.
 * The shapes follow secretlint's rules (`@secretlint/secretlint-rule-preset-recommend`: basic
 * auth in URLs, Slack and Discord webhooks) and the formats listed in issue 15.
 */
import { secretRule, type SecretRule } from './secret-rule.ts';

/** Values that name a secret rather than hold one: `${DB_PASSWORD}`, `{{ token }}`, `<password>`, `****` (gitleaks' global allowlist). */
export const PLACEHOLDER = /^(?:\$\{?[A-Za-z_][\w.]*\}?|\$\d+|\{\{[ \t]*[\w ().|]+[ \t]*\}\}|%[A-Za-z_]+%|<[^<>]{1,60}>|\*+|x{3,}|\.{3,}|…|true|false|null|none|nil|undefined)$/i;

/**
 * A quoted value (the quotes kept as context) or an unquoted one ending at a space or `,;&)]}"'<>`
 * and not starting with a backslash (an escaped quote: the value is then found in the decoded text).
 */
const VALUE = String.raw`(?!\[redacted\]|\$\{|\{\{)(?:(?<=")(?:[^"\\\n]|\\.){1,1024}(?=")|(?<=')(?:[^'\\\n]|\\.){1,1024}(?=')|(?<=\x60)[^\x60\n]{1,1024}(?=\x60)|(?<!["'\x60])(?!\\)[^\s"'\x60,;&<>()\[\]{}]{1,1024})`;

/**
 * Names whose value is a secret whatever it looks like. `pass` and `pwd` only as the last part of
 * a name (`db_pass`, not `bypass`, nor a shell's `PWD`); the others also inside camelCase names
 * (`clientSecret`).
 */
const SECRET_NAME = String.raw`(?:passw(?:or)?d|passphrase|(?<=[_.-])pass|(?<=[_.-])pwd|secret(?:[_.-]?access)?(?:[_.-]?key)?|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|account[_.-]?key|shared[_.-]?access[_.-]?(?:key|signature)|(?:auth|access|refresh|bearer|session|api|private|personal[_.-]?access)[_.-]?token)`;

/** A URL's `://` after a scheme (looked for first, the scheme checked behind it), kept as context. */
const SCHEME = String.raw`(?<=\b[A-Za-z][A-Za-z0-9+.-]{0,30})://`;

export const MLPAGES_RULES: readonly SecretRule[] = [
	// `scheme://user:password@`: the password may hold `/`, `#`, `?` or `:`; `host:8080/x@y` is a
	// port and a path, not credentials.
	secretRule('mlpages-url-credentials', ['://'], String.raw`(?<pre>${SCHEME})(?!\[redacted\])[^\s:@/?#\[\]"'<>\x60]{0,256}:[^\s@"'<>\x60]{1,256}(?=@)`, {
		except: /^[^:]*\.[^:]*:\d{1,5}(?:[/?#].*)?$/,
	}),
	// A token as the user name of a URL (`https://<token>@github.com/…`, a git remote).
	secretRule('mlpages-url-token-user', ['://'], String.raw`(?<pre>${SCHEME})(?!\[redacted\])(?=[\w.~%-]{0,255}\d)(?=[\w.~%-]{0,255}[A-Za-z])[\w.~%-]{20,256}(?=@)`, { entropy: 3 }),
	secretRule(
		'mlpages-url-secret-parameter',
		['token', 'password', 'passwd', 'pwd', 'secret', 'key', 'sig', 'signature', 'x-amz-', 'code'],
		String.raw`(?<pre>[?&;](?:[\w.-]{0,40}token|password|passwd|pwd|secret|client_secret|api[_-]?key|apikey|access[_-]?key|key|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|code)=)(?!\[redacted\])[^&#\s"'<>\x60]{1,4096}`,
		{ dataOnly: true, flags: 'i' },
	),
	// `password = "…"`, `"api_key": "…"`, `{'db_pass': '…'}`, `PASSWORD=…`, `AccountKey=…;`.
	secretRule(
		'mlpages-secret-assignment',
		['pass', 'pwd', 'secret', 'key', 'token', 'credential'],
		String.raw`(?<pre>${SECRET_NAME}(?![a-z_.-])["'\x60]?[ \t]{0,3}(?:=>|:=|=|:)[ \t]{0,3}["'\x60]?)${VALUE}`,
		{ dataOnly: true, flags: 'i', except: PLACEHOLDER },
	),
	// `--password x`, `--db-password=x`, `--api-key "x y"`.
	secretRule(
		'mlpages-secret-option',
		['pass', 'secret', 'token', 'key'],
		String.raw`(?<pre>(?<![\w-])--?[\w-]{0,30}(?:password|passwd|passphrase|secret|token|api-?key)(?:[ \t]{1,3}|=)["'\x60]?)(?!-)${VALUE}`,
		{ dataOnly: true, flags: 'i', except: PLACEHOLDER },
	),
	// `Bearer …`, `Basic …`, `Token …` anywhere (a header copied into a note or a command), with a
	// digit or `+/=` in it so that prose ("Token classification") is not taken.
	secretRule('mlpages-authorization-scheme', ['bearer', 'basic', 'token'], String.raw`(?<pre>\b(?:Bearer|Basic|Token)[ \t]{1,3})(?!\[redacted\])(?=[A-Za-z._~-]{0,1023}[0-9+/=])[A-Za-z0-9._~+/=-]{12,4096}`),
	// `Authorization: …`, `PRIVATE-TOKEN: …` (GitLab), `X-Api-Key: …`.
	secretRule(
		'mlpages-authorization-header',
		['authorization', 'token', 'api-key'],
		String.raw`(?<pre>\b(?:authorization|private-token|job-token|x-gitlab-token|x-api-key|api-key|x-auth-token)["']?[ \t]{0,3}:[ \t]{0,3}["']?)(?!\[redacted\]|(?:bearer|basic|token)[ \t])(?=[^\s"',;<>0-9]{0,1023}[0-9])[^\s"',;<>]{8,4096}`,
		{ dataOnly: true, flags: 'i' },
	),
	secretRule('mlpages-discord-webhook', ['discord'], String.raw`(?<pre>https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api/webhooks/\d{5,30}/)[\w-]{20,200}`, { flags: 'i' }),
	// OpenAI-style keys of any length (gitleaks' openai-api-key needs the `T3BlbkFJ` marker): `sk-`,
	// `sk-proj-`, `sk-ant-` followed by 20+ characters with a digit.
	secretRule('mlpages-sk-key', ['sk-'], String.raw`(?<![\w-])sk-(?:proj-|ant-|svcacct-|admin-)?(?=[\w-]{0,300}\d)[A-Za-z0-9_-]{20,300}`, { entropy: 3 }),
	// An AWS secret access key: exactly 40 characters of base64 with upper and lower case and a
	// digit, next to a word that says what it is.
	secretRule(
		'mlpages-aws-secret-key',
		['aws', 'secret', 'key'],
		// Whole runs of base64 characters, the length and mix checked after: cheaper than lookarounds at every position.
		String.raw`(?<![0-9A-Za-z/+=])[0-9A-Za-z/+=]{40,}`,
		{ entropy: 4, except: /^(?![0-9A-Za-z/+]{40}$)|^(?:[^A-Z]*|[^a-z]*|[^0-9]*)$/, dataOnly: true },
	),
];
