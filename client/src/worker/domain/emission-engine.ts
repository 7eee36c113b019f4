/**
 * The part of the worker that needs the emission engine and the factor library (1.9 MB of factor
 * data): an activity's emission (shared-schema's activityEmission, the server's own code) and
 * what the factor picker reads. The worker loads it on first use (engine.ts), so opening the
 * database and answering reads never wait for it.
 */
export { activityEmission, compatibleUnits, FACTORS } from '@eco-track/shared-schema';
