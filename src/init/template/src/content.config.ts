// Astro reads content collections from this file; these are mlpages' own (the exported snapshot
// in content/, model cards and reports). To add collections of yours, take mlpages' under a name:
//   import { collections as mlpages } from 'mlpages/collections';
//   export const collections = { ...mlpages, notes: defineCollection({ ... }) };
export { collections } from 'mlpages/collections';
