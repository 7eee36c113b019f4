/** Runs axe-core in a page and returns the violations a user would be blocked by. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

// Runs in the page; a string so this file needs no DOM typings.
const RUN_AXE = `(async () => {
  const result = await window.axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => JSON.stringify(n.target)),
  }));
})()`;

export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe !== "undefined"')))
    await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate<Violation[]>(RUN_AXE);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
