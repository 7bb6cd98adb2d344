// Tests are separate from the app's Vite config: they run under plain Node (the core, the CLI, the
// probe and simulator over loopback), happy-dom (components, opt-in per file), real Chromium (end to end)
// and a real notification daemon. `npm test` runs them all.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores on CI: keep the browser and notification suites from starving each other.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
