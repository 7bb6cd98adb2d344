// Imported first by main.tsx: zod would otherwise probe `new Function` on its first object parse,
// which the page's CSP (no 'unsafe-eval') refuses with a console error. Jitless parsing needs no eval.
import { z } from 'zod';

z.config({ jitless: true });
