// In-memory implementations of the service's ports: for tests, the end-to-end bridge and the CLI.
// They behave like the real ones (a save is a deep copy; nothing is shared by reference).
import { defaultSettings, type Settings } from '../core/config/settings';
import type { SecretVault, SettingsRepository, StateRepository, StorageNotice } from './ports';

export class MemorySettingsRepository implements SettingsRepository {
  saves = 0;
  constructor(
    private settings: Settings = defaultSettings(),
    private readonly notices: StorageNotice[] = [],
  ) {}
  async load() {
    return { settings: structuredClone(this.settings), notices: [...this.notices] };
  }
  async save(settings: Settings) {
    this.settings = structuredClone(settings);
    this.saves += 1;
  }
  snapshot(): Settings {
    return structuredClone(this.settings);
  }
}

export class MemoryStateRepository implements StateRepository {
  saves = 0;
  constructor(private state: unknown = null) {}
  async load() {
    return { state: structuredClone(this.state), notices: [] };
  }
  async save(state: unknown) {
    this.state = structuredClone(state);
    this.saves += 1;
  }
  snapshot(): unknown {
    return structuredClone(this.state);
  }
}

export class MemoryVault implements SecretVault {
  private readonly secrets = new Map<string, string>();
  constructor(private readonly backend = 'memory') {}
  async get(keyId: string) {
    return this.secrets.get(keyId) ?? null;
  }
  async set(keyId: string, secret: string) {
    this.secrets.set(keyId, secret);
  }
  async delete(keyId: string) {
    this.secrets.delete(keyId);
  }
  status() {
    return { backend: this.backend, weak: false };
  }
  has(keyId: string): boolean {
    return this.secrets.has(keyId);
  }
}
