// Checks of the modal dialog pattern (src/ui/use-modal.ts) shared by the layout, release and
// shortcut e2e tests: Tab and Shift+Tab keep the focus inside the dialog, and which element
// (by data-testid) has the focus.

import type { Page } from 'playwright-core';

/** Press Tab four times and Shift+Tab three; after each press, whether the focus is inside `testId`. */
export async function focusStaysInside(p: Page, testId: string): Promise<boolean[]> {
  const seen: boolean[] = [];
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await p.keyboard.press(key);
    seen.push(await p.evaluate((id) => !!document.querySelector(`[data-testid="${id}"]`)?.contains(document.activeElement), testId));
  }
  return seen;
}

/** The data-testid of the focused element, or its tag name when it has none. */
export function focusedTestId(p: Page): Promise<string> {
  return p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');
}
