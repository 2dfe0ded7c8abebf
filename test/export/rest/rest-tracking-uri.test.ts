import { describe, expect, it } from 'vitest';
import { parseTrackingUri, redactUrl } from '../../../src/export/rest/rest-tracking-uri.ts';
import { restCredentials, scrubSecrets } from '../../../src/export/rest/rest-auth.ts';

describe('parseTrackingUri', () => {
	it('recognises GitLab by its path, by numeric id or url-encoded project path', () => {
		expect(parseTrackingUri('https://gitlab.com/api/v4/projects/123/ml/mlflow')).toEqual({
			kind: 'gitlab',
			base: 'https://gitlab.com/api/v4/projects/123/ml/mlflow/',
			displayUri: 'https://gitlab.com/api/v4/projects/123/ml/mlflow',
			userInfo: null,
		});
		expect(parseTrackingUri('https://git.example.org/api/v4/projects/group%2Fproject/ml/mlflow/').kind).toBe('gitlab');
		expect(parseTrackingUri('http://localhost:5000').kind).toBe('rest');
		expect(parseTrackingUri('https://mlflow.example.com/prefix/').base).toBe('https://mlflow.example.com/prefix/');
	});

	it('removes user:password@ and secret query parameters from the display URI', () => {
		const uri = parseTrackingUri('https://ana:p%40ss@mlflow.example.com/?private_token=abc&access_token=def&token=x&workspace=team');
		expect(uri.displayUri).toBe('https://mlflow.example.com?workspace=team');
		expect(uri.userInfo).toEqual({ username: 'ana', password: 'p@ss' });
		expect(uri.base).toBe('https://mlflow.example.com/');
		expect(redactUrl('https://h/api?metric_key=loss&api_key=1&sig=2#frag')).toBe('https://h/api?metric_key=loss');
	});

	it('rejects other schemes', () => {
		expect(() => parseTrackingUri('file:///tmp/mlruns')).toThrow(TypeError);
		expect(() => parseTrackingUri('./mlruns')).toThrow(TypeError);
	});
});

describe('restCredentials', () => {
	it('prefers user name and password, then the token, then the URI, as MLflow does', () => {
		const basic = restCredentials({ MLFLOW_TRACKING_USERNAME: 'u', MLFLOW_TRACKING_PASSWORD: 'secret-pw', MLFLOW_TRACKING_TOKEN: 't0ken-value' }, null);
		expect(basic.authorization).toBe(`Basic ${Buffer.from('u:secret-pw').toString('base64')}`);
		expect(restCredentials({ MLFLOW_TRACKING_TOKEN: 't0ken-value' }, null).authorization).toBe('Bearer t0ken-value');
		expect(restCredentials({}, { username: 'a', password: 'b' }).authorization).toBe(`Basic ${Buffer.from('a:b').toString('base64')}`);
		expect(restCredentials({ MLFLOW_TRACKING_TOKEN: '' }, null)).toEqual({ authorization: null, description: 'no credentials sent', secrets: [] });
	});

	it('scrubs secrets from text', () => {
		const { secrets } = restCredentials({ MLFLOW_TRACKING_TOKEN: 't0ken-value' }, null);
		expect(scrubSecrets('server said: bad token t0ken-value', secrets)).toBe('server said: bad token ***');
	});
});
