// Process boundaries: only the shell (electron/shell, main.ts, preload.ts) may import electron or
// electron-store, at runtime or as a type; everything else must run under plain Node. ESLint says
// the same; this test also catches require() and dynamic import().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|tsx|mts|cts)$/.test(name) ? [path] : [];
  });
}

const ELECTRON = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](electron(?:\/[a-z]+)?|electron-store)['"]/;
const shell = (file: string) => /^electron\/(shell\/|main\.ts$|preload\.ts$)/.test(file);

describe('process boundaries', () => {
  it('no module outside the shell imports electron or electron-store', () => {
    const offenders = [...sources(join(root, 'electron')), ...sources(join(root, 'renderer'))]
      .map((f) => relative(root, f).replace(/\\/g, '/'))
      .filter((f) => !shell(f) && ELECTRON.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the shell modules that need no Electron stay free of it (testable under plain Node)', () => {
    for (const f of ['vault.ts', 'logger.ts', 'login-item.ts'])
      expect(ELECTRON.test(readFileSync(join(root, 'electron', 'shell', f), 'utf8')), f).toBe(false);
  });

  it('storage is shell-neutral: the Electron app, the web shell and the CLI share it', () => {
    const dir = join(root, 'electron', 'storage');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('repositories.ts');
    for (const f of files) expect(ELECTRON.test(readFileSync(join(dir, f), 'utf8')), f).toBe(false);
  });
});
