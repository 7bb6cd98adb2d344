// Moved to electron/storage/repositories (shell-neutral: usable by the Electron shell, a web shell and
// plain Node). Re-exported here so code written against the old path keeps working.
export * from '../storage/repositories';
