// Which delivery a platform gets. macOS: Electron's own Notification (node-notifier's bundled
// terminal-notifier is x86_64-only and unsigned). Linux and Windows: node-notifier (notify-send,
// SnoreToast with Headroom's appID), which the `notify-test` command exercises on the same path.
export type NotifierKind = 'electron' | 'node-notifier';

export function preferredNotifier(platform: NodeJS.Platform): NotifierKind {
  return platform === 'darwin' ? 'electron' : 'node-notifier';
}
