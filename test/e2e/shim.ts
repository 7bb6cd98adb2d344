// Formerly the test-only `window.headroom` injected into the page. The product page now makes its own
// (renderer/src/web-api.ts) when it is served by the web shell without a preload, so there is nothing
// to inject; the export stays for suites that still pass it to addInitScript.
export const SHIM_SOURCE = '';
