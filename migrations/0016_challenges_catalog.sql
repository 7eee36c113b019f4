-- The challenges catalogue (public, synced as a catalogue). Ids: eco_catalog_uuid (see 0015).
--
-- Dates are set when the migration runs, relative to that day's month (UTC), so a fresh install
-- always has challenges running now, some starting next month, and one spanning the next year.
-- (A static date would make every new install start with expired challenges.) Later seasons are
-- added by later migrations or by an operator; the rows here are never rewritten.
--
-- criteria, evaluated in sync-server/src/services/challenges.ts over the challenge's dates:
--   {"type":"reduce_category_pct","category":<category>,"pct":N}  category emissions N% below the
--                                                               same-length period before start
--   {"type":"reduce_total_pct","pct":N}                           the same over all categories
--   {"type":"log_days","days":N}                                  activities logged on N distinct days
--   {"type":"max_kg","kg":N[,"category":<category>]}              total stays at or under N kg CO2e

INSERT INTO challenges
  (challenge_id, challenge_name, description, start_date, end_date, reward_points, criteria)
SELECT eco_catalog_uuid('challenge', c.slug), c.name, c.description,
       (m0 + c.start_offset)::date, (m0 + c.end_offset - interval '1 day')::date, c.points,
       c.criteria::jsonb
FROM (SELECT date_trunc('month', (now() AT TIME ZONE 'UTC'))::timestamp AS m0) base,
(VALUES
('car-light-month', 'Car-Light Month',
 'Cut your transportation emissions by 20% this month compared with the same number of days before it.',
 interval '0 months', interval '1 month', 100,
 '{"type":"reduce_category_pct","category":"transportation","pct":20}'),
('seven-day-logger', 'Seven-Day Logger',
 'Log at least one activity on 7 different days during the challenge.',
 interval '0 months', interval '2 months', 50, '{"type":"log_days","days":7}'),
('thirty-day-habit', 'Thirty-Day Tracking Habit',
 'Log your activities on 30 different days this quarter.',
 interval '0 months', interval '3 months', 150, '{"type":"log_days","days":30}'),
('energy-saver-quarter', 'Energy Saver Quarter',
 'Use 10% less energy this quarter than in the quarter before.',
 interval '0 months', interval '3 months', 120,
 '{"type":"reduce_category_pct","category":"energy","pct":10}'),
('low-carbon-month', 'Low-Carbon Month',
 'Keep your whole footprint at or under 300 kg CO2e this month.',
 interval '0 months', interval '1 month', 80, '{"type":"max_kg","kg":300}'),
('grounded-half-year', 'Grounded Half-Year',
 'Keep travel emissions (flights, hotels, long trips) at or under 250 kg CO2e for six months.',
 interval '0 months', interval '6 months', 200,
 '{"type":"max_kg","kg":250,"category":"travel"}'),
('low-carbon-year', 'Low-Carbon Year',
 'Cut your total footprint by 10% over the next twelve months compared with the twelve before.',
 interval '0 months', interval '12 months', 500, '{"type":"reduce_total_pct","pct":10}'),
('hundred-days', 'Hundred Days of Tracking',
 'Log activities on 100 different days over the year.',
 interval '0 months', interval '12 months', 300, '{"type":"log_days","days":100}'),
('meat-light-month', 'Meat-Light Month',
 'Cut your food emissions by 15% next month compared with the same number of days before it.',
 interval '1 month', interval '2 months', 100,
 '{"type":"reduce_category_pct","category":"food","pct":15}'),
('zero-waste-season', 'Zero-Waste Season',
 'Cut waste emissions by 25% over three months.',
 interval '1 month', interval '4 months', 120,
 '{"type":"reduce_category_pct","category":"waste","pct":25}'),
('mindful-shopping-quarter', 'Mindful Shopping Quarter',
 'Cut purchase emissions by 15% over a quarter.',
 interval '2 months', interval '5 months', 120,
 '{"type":"reduce_category_pct","category":"purchase","pct":15}'),
('green-commute-month', 'Green Commute Month',
 'Keep transportation emissions at or under 60 kg CO2e for a month.',
 interval '3 months', interval '4 months', 90,
 '{"type":"max_kg","kg":60,"category":"transportation"}')
) AS c(slug, name, description, start_offset, end_offset, points, criteria);
