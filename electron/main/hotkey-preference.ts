/**
 * The user's chosen global hotkey, kept in `<userData>/hotkey.json`. It lives beside the database
 * rather than in it because the shell must register the hotkey before (and independently of) the
 * core opening its store. A missing, unreadable or invalid file means "use the default".
 */
import fs from 'node:fs';
import path from 'node:path';
import { Accelerator } from '../../shared/contract';

export interface HotkeyPreference {
  load(): string | null;
  save(accelerator: string): void;
}

export function hotkeyPreferenceFile(file: string, log: (message: string) => void = (m) => console.warn(m)): HotkeyPreference {
  return {
    load() {
      let raw: string;
      try {
        raw = fs.readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log(`[tandem] could not read ${file}: ${String(err)}`);
        return null;
      }
      try {
        const parsed = Accelerator.safeParse((JSON.parse(raw) as { accelerator?: unknown }).accelerator);
        if (parsed.success) return parsed.data;
      } catch {
        // fall through to the warning
      }
      log(`[tandem] ignoring ${file}: it does not hold a valid shortcut; using the default`);
      return null;
    },
    save(accelerator) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify({ accelerator }, null, 2)}\n`);
      fs.renameSync(tmp, file);
    },
  };
}
