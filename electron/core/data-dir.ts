/**
 * Where Tandem keeps its data when no --data-dir is given: the same folder Electron's
 * app.getPath('userData') uses for an app named "Tandem", so the desktop app and `tandem serve`
 * share threads and settings.
 */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.TANDEM_DATA_DIR) return path.resolve(env.TANDEM_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Tandem');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Tandem');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Tandem');
}
