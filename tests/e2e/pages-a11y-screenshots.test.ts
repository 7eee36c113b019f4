/**
 * Every page, at a phone (390x844) and a laptop (1280x800) size: an axe-core scan with no serious
 * or critical violations, and a screenshot saved under test-artifacts/screenshots/ for review.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '@eco-track/sync-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logActivity, newAccount, register } from './support/app-actions.ts';
import { startAppServer } from './support/app-server.ts';
import { seriousViolations } from './support/axe.ts';
import { launchDevice } from './support/browser.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

const PUBLIC_PAGES = [
  { name: 'home-visitor', path: '/', heading: /Know your carbon footprint/ },
  { name: 'login', path: '/login', heading: 'Log in' },
  { name: 'register', path: '/register', heading: 'Create your account' },
];
const APP_PAGES = [
  { name: 'home', path: '/', heading: /^Welcome back/ },
  { name: 'dashboard', path: '/dashboard', heading: 'Dashboard' },
  { name: 'activities', path: '/activities', heading: 'Activities' },
  { name: 'goals', path: '/goals', heading: 'Goals' },
  { name: 'reports', path: '/reports', heading: 'Reports' },
  { name: 'recommendations', path: '/recommendations', heading: 'Recommendations' },
  { name: 'challenges', path: '/challenges', heading: 'Challenges' },
  { name: 'achievements', path: '/achievements', heading: 'Achievements' },
  { name: 'organisation', path: '/organisation', heading: 'Organisation' },
  { name: 'profile', path: '/profile', heading: 'Profile' },
];

let server: RunningServer;
let visitor: BrowserContext;
let member: BrowserContext;
let memberPage: Page;

async function scanAndShoot(page: Page, name: string, path: string, heading: string | RegExp) {
  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    // Let lazily loaded charts and live queries settle before judging and photographing (the
    // sync long-polls keep the network busy, so "network idle" never comes).
    await page
      .getByText(/^Loading/)
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(600);
    for (const v of await seriousViolations(page))
      problems.push(
        `${name} ${viewport.width}px: [${v.impact}] ${v.id} ${v.help} at ${v.nodes.join(', ')}`,
      );
    await page.screenshot({
      path: `${SHOTS}${name}-${viewport.width}x${viewport.height}.png`,
      fullPage: true,
    });
  }
  return problems;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startAppServer();
  visitor = await launchDevice();
  member = await launchDevice();
  memberPage = member.pages()[0] ?? (await member.newPage());
  await register(memberPage, server.url, newAccount('axe'));
  await memberPage.goto(`${server.url}/activities`);
  await logActivity(memberPage, {
    category: 'Energy',
    search: 'electricity',
    amount: 240,
    description: 'Office electricity',
  });
  await logActivity(memberPage, {
    category: 'Transportation',
    search: 'diesel',
    amount: 55,
    description: 'Delivery run',
  });
  await logActivity(memberPage, {
    category: 'Food',
    search: 'beef',
    amount: 2,
    description: 'Team lunch',
  });
  await memberPage.goto(`${server.url}/goals`);
  await memberPage.getByLabel('Target reduction (%)').fill('15');
  await memberPage.getByLabel('Goal description').fill('Cut 15 % this month');
  await memberPage.getByRole('button', { name: 'Set goal' }).click();
  await memberPage.getByRole('article', { name: 'Cut 15 % this month' }).waitFor();
  await memberPage.goto(`${server.url}/organisation`);
  await memberPage.getByLabel('Organisation name').fill('Green Widgets Ltd');
  await memberPage.getByRole('button', { name: 'Create organisation' }).click();
  await memberPage.getByTestId('join-code').waitFor();
});

afterAll(async () => {
  await visitor?.close();
  await member?.close();
  await server?.close();
});

describe('every page is accessible and photographed at phone and laptop sizes', () => {
  it('public pages', async () => {
    const page = visitor.pages()[0] ?? (await visitor.newPage());
    const problems: string[] = [];
    for (const p of PUBLIC_PAGES)
      problems.push(...(await scanAndShoot(page, p.name, p.path, p.heading)));
    expect(problems).toEqual([]);
  });

  it('signed-in pages', async () => {
    const problems: string[] = [];
    for (const p of APP_PAGES)
      problems.push(...(await scanAndShoot(memberPage, p.name, p.path, p.heading)));
    expect(problems).toEqual([]);
  });
});
