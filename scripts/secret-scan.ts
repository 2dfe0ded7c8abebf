/**
 * `node scripts/secret-scan.ts [dir]`: searches a built site (default `dist`) for the tracking
 * token in use (MLFLOW_TRACKING_TOKEN, MLFLOW_TRACKING_PASSWORD) and for secret patterns.
 * Exit status: 0 nothing found, 1 secrets found (files and kinds are listed; values never are).
 */
import { resolve } from 'node:path';
import { consoleLogger } from '../src/lib/logger.ts';
import { runSecretScan } from '../src/security/run-secret-scan.ts';

process.exitCode = runSecretScan(resolve(process.argv[2] ?? 'dist'), { env: process.env, logger: consoleLogger(), cwd: process.cwd() });
