// The JSON store opener for plain Node: `conf`, electron-store's own engine (atomic writes, the same
// file format), so the web shell reads and writes the very files the Electron app does.
import Conf from 'conf';
import type { OpenJsonStore } from '../shell/store';

export const openConfStore: OpenJsonStore = ({ name, cwd, deserialize }) =>
  new Conf<Record<string, unknown>>({
    projectName: 'headroom',
    configName: name,
    cwd,
    deserialize,
    clearInvalidConfig: false,
  });
