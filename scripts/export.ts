/**
 * `npm run export -- <source> [--out <dir>]`: exports MLflow data into the content folder.
 * Exit status: 0 done, 1 failed, 2 wrong usage.
 */
import './compile-cache.ts';

const { cliEffects } = await import('../src/export/cli-effects.ts');
const { runExportCommand } = await import('../src/export/export-command.ts');

process.exitCode = await runExportCommand(process.argv.slice(2), cliEffects(process.cwd()));
