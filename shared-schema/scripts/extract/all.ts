/**
 * Re-runs every extractor in turn (`--check` passes through), so one command rebuilds or
 * verifies the whole extended library. Each extractor still runs alone as its own script.
 * Run: npx tsx shared-schema/scripts/extract/all.ts [--check] [--skipped]
 */
import { extractDesnz } from './desnz-2024.ts';
import { extractEmberGrid } from './ember-grid.ts';
import { extractEpaHub } from './epa-hub-2025.ts';
import { extractOwidFood } from './owid-food.ts';
import { runExtractor } from './run-extractor.ts';
import { extractUseeio } from './useeio-spend.ts';

await runExtractor('useeio-spend.csv', extractUseeio);
await runExtractor('ember-grid.csv', extractEmberGrid);
await runExtractor('owid-food.csv', extractOwidFood);
await runExtractor('epa-hub-2025.csv', extractEpaHub);
await runExtractor('desnz-2024.csv', extractDesnz);
