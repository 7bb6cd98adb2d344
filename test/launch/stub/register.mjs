// `node --import register.mjs dist-electron/main.js`: resolves `electron` to the recording stub, and
// plays another OS when the scenario says so: process.platform (what the app and the stub branch on)
// and os.type()/os.release() (what node-notifier checks before using Windows toasts).
import os from 'node:os';
import { register } from 'node:module';

const scenario = JSON.parse(process.env.HEADROOM_STUB ?? '{}');
if (scenario.platform === 'win32') {
  Object.defineProperty(process, 'platform', { value: 'win32' });
  os.type = () => 'Windows_NT';
  os.release = () => '10.0.19045';
}
register('./hooks.mjs', import.meta.url);
