// Module resolution hook: every `import ... from 'electron'` (the app's and any dependency's) gets the stub.
const STUB = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: STUB, shortCircuit: true };
  return next(specifier, context);
}
