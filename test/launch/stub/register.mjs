// `node --import register.mjs dist-electron/main.js`: resolves `electron` to the recording stub.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
