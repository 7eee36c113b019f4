/**
 * Loads emission-engine.ts (the engine and the factor library, their own chunk) once, on first
 * use: a preview, a write or the factor picker. The database opens and the dashboard answers
 * without it.
 */
import type * as EmissionEngine from './emission-engine.ts';

export type Engine = typeof EmissionEngine;

let loading: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import('./emission-engine.ts');
  return loading;
}
