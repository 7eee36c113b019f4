/** What a user does in the PWA, as steps the end-to-end tests share. */
import type { Page } from 'playwright-core';

export interface Account {
  username: string;
  email: string;
  password: string;
}

export function newAccount(tag: string): Account {
  const id = `${tag}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return { username: id, email: `${id}@example.com`, password: 'correct horse battery' };
}

export async function register(page: Page, baseUrl: string, a: Account): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Username', { exact: true }).fill(a.username);
  await page.getByLabel('Email', { exact: true }).fill(a.email);
  await page.getByLabel('Password', { exact: true }).fill(a.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/dashboard$/);
}

export async function logIn(page: Page, baseUrl: string, a: Account): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username or email', { exact: true }).fill(a.username);
  await page.getByLabel('Password', { exact: true }).fill(a.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/dashboard$/);
}

export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export interface Logged {
  factorKey: string;
  amount: number;
  unit: string;
}

/** Logs an activity through the form; returns the factor the picker chose. */
export async function logActivity(
  page: Page,
  opts: { category: string; search: string; amount: number; description: string; date?: string },
): Promise<Logged> {
  await chooseOption(page, 'Category', opts.category);
  await page.getByLabel('Activity', { exact: true }).fill(opts.search);
  await page.getByRole('option').first().click();
  const factorKey = (await page.locator('[data-factor-key]').getAttribute('data-factor-key')) ?? '';
  await page.getByLabel('Amount', { exact: true }).fill(String(opts.amount));
  const unitTrigger = page.getByLabel('Unit', { exact: true });
  await page.waitForFunction(
    (el) => !!el && !/Pick|Loading/.test(el.textContent ?? ''),
    await unitTrigger.elementHandle(),
  );
  const unit = ((await unitTrigger.textContent()) ?? '').replace('▾', '').trim();
  if (opts.date) await page.getByLabel('Date', { exact: true }).fill(opts.date);
  await page.getByLabel('Description', { exact: true }).fill(opts.description);
  await page.getByTestId('preview-co2e').waitFor();
  await page.getByRole('button', { name: 'Log activity' }).click();
  await page.getByText(/^Logged:/).waitFor();
  return { factorKey, amount: opts.amount, unit };
}

/** "1,234.5 kg CO2e" or "12.3 t CO2e" → kg. */
export function parseCo2e(text: string): number {
  const m = /(-?[\d,]+(?:\.\d+)?)\s*(kg|t) CO2e/.exec(text);
  if (!m?.[1]) throw new Error(`no CO2e figure in "${text}"`);
  const n = Number(m[1].replace(/,/g, ''));
  return m[2] === 't' ? n * 1000 : n;
}
