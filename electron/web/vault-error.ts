// A token the vault would not store or read; its message is for the user and never holds the token.
export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}
