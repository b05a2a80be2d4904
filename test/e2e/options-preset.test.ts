// The preset choice of the options panel (issue 12) on the served app: choosing "Dose report"
// ticks Clean Structured Content, Retain Device Identity and Retain Modified Dates over the options
// already ticked, the choice shows while those options are all on, unticking one
// clears it, and choosing none turns the preset's options off again.

import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/core/profile/presets.ts';
import { page, pageErrors, server, useApp } from './fixture.ts';
import { waitIdle } from './helpers.ts';

const checked = (k: string) => page.locator(`input[data-option=${k}]`).isChecked();
const ticked = async () => {
  const out: string[] = [];
  for (const el of await page.locator('input[data-option]').all()) if (await el.isChecked()) out.push((await el.getAttribute('data-option'))!);
  return out.sort();
};

describe('options panel: presets', () => {
  useApp();
  beforeAll(async () => {
    await page.goto(server.url);
    await page.getByTestId('sample-button').click();
    await page.getByTestId('series-item').first().waitFor();
    await waitIdle(page);
  });

  it('dose report ticks its options, shows while they are on, and none takes them off', async () => {
    const select = page.getByTestId('options-preset');
    expect(await select.inputValue()).toBe('');
    await page.locator('input[data-option=cleanDescriptors]').check();
    await select.selectOption('dose-report');
    await expect.poll(ticked).toEqual([...PRESETS['dose-report'].options, 'cleanDescriptors'].sort());
    expect(await page.locator('#expl-preset').textContent()).toContain('dose registries');

    await page.locator('input[data-option=retainDeviceIdentity]').uncheck();
    await expect.poll(() => select.inputValue()).toBe('');
    await page.locator('input[data-option=retainDeviceIdentity]').check();
    await expect.poll(() => select.inputValue()).toBe('dose-report');

    await select.selectOption('');
    await expect.poll(ticked).toEqual(['cleanDescriptors']);
    expect(await checked('retainLongitudinalModifiedDates')).toBe(false);
    expect(pageErrors).toEqual([]);
  });
});
