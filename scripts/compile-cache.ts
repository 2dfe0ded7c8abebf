import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Turns on Node's on-disk compile cache (V8 code and stripped TypeScript) for the modules a
 * command-line entry point imports after this one, in `node_modules/.cache/mlpages/node-compile`:
 * it halves the start-up of `npm run export` (about 0.1 s of every export, which an unchanged
 * re-export is mostly made of). A cache that cannot be written only leaves start-up as it was.
 * Import it first, and the rest with `await import()`: static imports are loaded before any code runs.
 */
enableCompileCache(fileURLToPath(new URL('../node_modules/.cache/mlpages/node-compile', import.meta.url)));
