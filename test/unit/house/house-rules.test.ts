// The lint step must fail when a house rule is broken. These run ESLint with the project's own
// config on small files placed (virtually) in each folder.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

// ESLint loads the TypeScript parser on first use: seconds on a busy 2-core machine.
describe('house rules', { timeout: 60_000 }, () => {
  it("refuses 'electron' in the core", async () => {
    const errors = await errorsFor('electron/core/agent/leak.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(errors.join('\n')).toMatch(/no-restricted-imports: .*Only electron\/main and electron\/preload/);
  });

  it("refuses require('electron') style imports in the renderer too", async () => {
    const errors = await errorsFor('renderer/src/leak.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n");
    expect(errors.some((e) => e.startsWith('no-restricted-imports'))).toBe(true);
  });

  it("allows 'electron' in electron/main and electron/preload", async () => {
    expect(await errorsFor('electron/main/ok.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(await errorsFor('electron/preload/ok.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n")).toEqual([]);
  });

  it.each([
    ['renderer/src/leak.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['renderer/src/leak2.ts', "import { spawn } from 'child_process';\nexport const x = spawn;\n"],
    ['shared/leak.ts', "import path from 'path';\nexport const x = path;\n"],
    ['shared/leak2.ts', "import os from 'node:os';\nexport const x = os;\n"],
  ])('refuses Node modules in %s', async (file, code) => {
    const errors = await errorsFor(file, code);
    expect(errors.join('\n')).toMatch(/must not import Node modules/);
  });

  it('refuses DOM and Node globals in shared/', async () => {
    const errors = await errorsFor('shared/leak3.ts', 'export const a = document.title;\nexport const b = process.env;\n');
    expect(errors).toHaveLength(2);
  });

  it('allows Node modules in the core', async () => {
    expect(await errorsFor('electron/core/ok.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toEqual([]);
  });
});
