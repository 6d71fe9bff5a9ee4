/**
 * Collects what a page reports that a user would never see but a test must: uncaught errors, console
 * errors and Content-Security-Policy violations. Each e2e file asserts the list is empty.
 */
import type { Page } from 'playwright-core';

export interface PageProblems {
  list: string[];
  /** Throws listing every problem seen so far. */
  assertNone(): void;
}

export async function watchPage(page: Page, options: { ignore?: RegExp[] } = {}): Promise<PageProblems> {
  const list: string[] = [];
  const ignored = (text: string) => options.ignore?.some((re) => re.test(text)) ?? false;
  page.on('pageerror', (err) => list.push(`page error: ${err.stack ?? err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignored(msg.text())) list.push(`console error: ${msg.text()}`);
  });
  await page.exposeBinding('__tandemCspViolation', (_source, text: string) => list.push(`CSP violation: ${text}`));
  // A string, not a function: this file is type-checked without the DOM library.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => window.__tandemCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));`,
  });
  return {
    list,
    assertNone() {
      if (list.length) throw new Error(`The page reported problems:\n${list.join('\n')}`);
    },
  };
}
