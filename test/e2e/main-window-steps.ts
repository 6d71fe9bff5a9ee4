/**
 * Steps most main-window e2e tests start with, done as a user would (keyboard and visible controls):
 * open the page and wait for the connection, choose a model in Settings, add a folder, start a thread;
 * and screenshots of the page in both colour schemes.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';

export async function openConnected(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('contentinfo', { name: 'Status bar' }).getByText('Connected').waitFor();
}

/** Settings → Model: types the model name, saves, closes Settings. */
export async function saveModel(page: Page, model: string): Promise<void> {
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('textbox', { name: 'Model', exact: true }).fill(model);
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await settings.getByRole('status').getByText('Saved').waitFor();
  await page.keyboard.press('Escape');
  await settings.waitFor({ state: 'detached' });
}

/** Adds the folder from the sidebar and waits for it in the tree (`name`: how the tree shows it). */
export async function addFolder(page: Page, folder: string, name: RegExp): Promise<void> {
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
  await sidebar.getByRole('button', { name: 'Add folder…' }).first().click();
  const field = sidebar.getByRole('textbox', { name: 'Folder path' });
  await field.fill(folder);
  await field.press('Enter');
  await sidebar.getByRole('treeitem', { name }).waitFor();
}

/** Ctrl+Shift+O: a new thread in the selected folder, shown empty. */
export async function newThread(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+O');
  await page.getByRole('heading', { level: 1, name: 'New thread' }).waitFor();
  await page.getByText('Nothing in this thread yet').waitFor();
}

/** `<dir>/<name>-light.png` and `<name>-dark.png`, then back to light. */
export async function shootBothSchemes(page: Page, dir: string, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(100);
    await page.screenshot({ path: path.join(dir, `${name}-${scheme}.png`), animations: 'disabled', caret: 'hide' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
