-- The achievements catalogue (public, synced as a catalogue). Ids: eco_catalog_uuid (see 0015).
--
-- criteria, evaluated in sync-server/src/services/achievements.ts (awarded once, never revoked):
--   {"type":"activity_count","count":N}            N activities logged
--   {"type":"streak_days","days":N}                activities on N consecutive days (UTC), ever
--   {"type":"categories_logged","count":N}         emissions in N distinct categories
--   {"type":"goals_completed","count":N}           N goals with status completed
--   {"type":"challenges_completed","count":N}      N challenges completed
--   {"type":"total_reduction_kg","kg":N}           kg CO2e cut across finished percentage goals
--   {"type":"recommendations_acted_on","count":N}  N recommendations marked as acted on

INSERT INTO achievements (achievement_id, achievement_name, description, points, criteria)
SELECT eco_catalog_uuid('achievement', a.slug), a.name, a.description, a.points, a.criteria::jsonb
FROM (VALUES
('first-activity', 'First Step', 'Log your first activity.', 10,
 '{"type":"activity_count","count":1}'),
('activities-10', 'Getting Into the Habit', 'Log 10 activities.', 20,
 '{"type":"activity_count","count":10}'),
('activities-50', 'Dedicated Tracker', 'Log 50 activities.', 50,
 '{"type":"activity_count","count":50}'),
('activities-100', 'Century Logger', 'Log 100 activities.', 100,
 '{"type":"activity_count","count":100}'),
('activities-500', 'Carbon Accountant', 'Log 500 activities.', 250,
 '{"type":"activity_count","count":500}'),
('streak-3', 'Three-Day Streak', 'Log activities on 3 days in a row.', 15,
 '{"type":"streak_days","days":3}'),
('streak-7', 'Week-Long Streak', 'Log activities on 7 days in a row.', 40,
 '{"type":"streak_days","days":7}'),
('streak-30', 'Monthly Streak', 'Log activities on 30 days in a row.', 150,
 '{"type":"streak_days","days":30}'),
('categories-3', 'Broad View', 'Log emissions in 3 different categories.', 20,
 '{"type":"categories_logged","count":3}'),
('categories-7', 'Full Picture',
 'Log emissions in all 7 categories: transportation, energy, food, purchase, waste, travel and other.',
 75, '{"type":"categories_logged","count":7}'),
('goal-completed-1', 'Goal Getter', 'Complete a goal.', 50,
 '{"type":"goals_completed","count":1}'),
('goals-completed-5', 'Goal Crusher', 'Complete 5 goals.', 150,
 '{"type":"goals_completed","count":5}'),
('challenge-completed-1', 'Challenger', 'Complete a challenge.', 50,
 '{"type":"challenges_completed","count":1}'),
('challenges-completed-5', 'Challenge Champion', 'Complete 5 challenges.', 200,
 '{"type":"challenges_completed","count":5}'),
('reduction-10kg', 'First Savings',
 'Cut 10 kg CO2e across your finished reduction goals (against each goal''s baseline period).', 30,
 '{"type":"total_reduction_kg","kg":10}'),
('reduction-100kg', 'Footprint Shrinker',
 'Cut 100 kg CO2e across your finished reduction goals (against each goal''s baseline period).', 100,
 '{"type":"total_reduction_kg","kg":100}'),
('reduction-1000kg', 'Tonne Saver',
 'Cut a tonne of CO2e across your finished reduction goals (against each goal''s baseline period).',
 300, '{"type":"total_reduction_kg","kg":1000}'),
('acted-on-1', 'Taking Action', 'Act on a recommendation.', 20,
 '{"type":"recommendations_acted_on","count":1}'),
('acted-on-10', 'Change Maker', 'Act on 10 recommendations.', 100,
 '{"type":"recommendations_acted_on","count":10}')
) AS a(slug, name, description, points, criteria);
