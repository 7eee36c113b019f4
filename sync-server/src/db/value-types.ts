/**
 * One mapping from Postgres type OIDs to JavaScript values, shared by both drivers:
 * numeric and int8 become numbers, dates stay 'YYYY-MM-DD' strings, timestamps become ISO-8601
 * strings in UTC. Keeping them strings avoids time-zone drift between the drivers.
 */
export const OID = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

/** Postgres text timestamps ('2023-10-27 08:00:00.12+00') to ISO ('2023-10-27T08:00:00.120Z'). */
export function parseTimestamp(text: string): string {
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const ms = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) return text; // infinity and friends: leave as Postgres wrote them
  return new Date(ms).toISOString();
}

export const parseNumber = (text: string): number => Number(text);
export const keepText = (text: string): string => text;
