/**
 * main.tsx's first import: starts the DB worker before the rest of the app's modules (React, the
 * router, the pages) are evaluated, so the worker boots and opens the database meanwhile.
 */
import { startDb } from './services/db.ts';

startDb();
