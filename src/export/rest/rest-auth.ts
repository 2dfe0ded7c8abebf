/**
 * Credentials for a tracking server, read the way MLflow's own client reads them
 * (`mlflow/utils/rest_utils.py`): user name and password first, then a bearer token.
 */

export interface RestCredentials {
	/** Value of the `Authorization` header, or null to send none. */
	authorization: string | null;
	/** Which credentials are sent, for messages (never the secret itself). */
	description: string;
	/** Secret strings to scrub from any text shown to people. */
	secrets: string[];
}

/** Environment variables MLflow reads for credentials. */
export interface RestCredentialEnv {
	MLFLOW_TRACKING_TOKEN?: string | undefined;
	MLFLOW_TRACKING_USERNAME?: string | undefined;
	MLFLOW_TRACKING_PASSWORD?: string | undefined;
}

/**
 * Picks the credentials: `MLFLOW_TRACKING_USERNAME`/`MLFLOW_TRACKING_PASSWORD` (Basic), else
 * `MLFLOW_TRACKING_TOKEN` (Bearer), else `user:password@` from the URI (Basic), else none.
 */
export function restCredentials(
	env: RestCredentialEnv,
	userInfo: { username: string; password: string } | null,
): RestCredentials {
	const username = env.MLFLOW_TRACKING_USERNAME ?? '';
	const password = env.MLFLOW_TRACKING_PASSWORD ?? '';
	const token = env.MLFLOW_TRACKING_TOKEN ?? '';
	const basic = (user: string, pass: string) =>
		`Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
	if (username !== '' || password !== '') {
		const authorization = basic(username, password);
		return {
			authorization,
			description: 'user name and password from MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD sent',
			secrets: [password, authorization.slice(6)].filter((s) => s.length >= 4),
		};
	}
	if (token !== '') {
		return {
			authorization: `Bearer ${token}`,
			description: 'token from MLFLOW_TRACKING_TOKEN sent',
			secrets: [token],
		};
	}
	if (userInfo !== null) {
		const authorization = basic(userInfo.username, userInfo.password);
		return {
			authorization,
			description: 'user name and password from the URI sent',
			secrets: [userInfo.password, authorization.slice(6)].filter((s) => s.length >= 4),
		};
	}
	return { authorization: null, description: 'no credentials sent', secrets: [] };
}

/** Replaces every secret in `text` with `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret !== '') out = out.split(secret).join('***');
	}
	return out;
}
