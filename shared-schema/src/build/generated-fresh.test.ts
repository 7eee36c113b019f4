import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, planBuild, staleFiles } from './plan-build.ts';

describe('generated factor data', () => {
  it('is up to date with shared-schema/data/*.csv (else run npm run factors:build -w shared-schema)', () => {
    const stale = staleFiles(planBuild()).map((p) => relative(REPO_DIR, p));
    expect(stale).toEqual([]);
  });
});
