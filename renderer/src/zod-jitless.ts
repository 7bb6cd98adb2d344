// Imported first by main.tsx, before any zod schema exists: zod decides at schema construction and on
// its first parse whether to compile parsers with `new Function`, which the page's CSP (no
// 'unsafe-eval') refuses with a console error. Jitless parsing needs no eval.
// zod's `z.config({ jitless: true })` writes this same global (zod/v4/core/core.js adopts an existing
// `globalThis.__zod_globalConfig`); setting it directly keeps zod out of the entry bundle, so the forms'
// validation still loads lazily. test/launch/csp.test.ts fails if a zod upgrade stops honouring it.
const global = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
global.__zod_globalConfig = { ...global.__zod_globalConfig, jitless: true };

export {};
