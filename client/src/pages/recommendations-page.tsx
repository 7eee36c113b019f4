import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Alert } from '../components/common/alert.tsx';
import { LoadingSpinner } from '../components/common/loading-spinner.tsx';
import type { RecommendationRanking } from '../components/recommendation/recommendation-item.tsx';
import { RecommendationList } from '../components/recommendation/recommendation-list.tsx';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { apiFetch } from '../services/api-client.ts';
import { useDb } from '../services/db-context.tsx';
import { SERVER } from '../services/query-client.ts';
import type { Recommendation } from '../worker/api.ts';

interface RankedFromServer extends RecommendationRanking {
  recommendation_id: string;
}

export function RecommendationsPage() {
  usePageTitle('Recommendations');
  const db = useDb();
  const [error, setError] = useState<string | null>(null);
  const local = useLocalQuery({
    key: ['recommendations'],
    tables: ['recommendations', 'user_recommendations'],
    query: (d) => d.listRecommendations(),
  });
  // The personal ranking needs everyone's factors and the user's synced footprint: server data,
  // cached so the order survives offline.
  const ranked = useQuery({
    queryKey: [SERVER, 'recommendations', 'ranked'],
    queryFn: () => apiFetch<RankedFromServer[]>('/api/v1/recommendations?limit=200'),
  });
  const rankings = useMemo(
    () => new Map((ranked.data ?? []).map((r) => [r.recommendation_id, r])),
    [ranked.data],
  );

  const mark = (rec: Recommendation, flags: { seen?: boolean; acted_on?: boolean }) => {
    void db.markRecommendation(rec.recommendation_id, flags).then((r) => {
      setError(r.ok ? null : r.error.message);
    });
  };

  return (
    <div className="stack">
      <div className="page-header">
        <h1>Recommendations</h1>
      </div>
      <p className="muted">
        Ways to cut your emissions, ranked by how much they would save you, based on what you log.
      </p>
      {error && (
        <Alert severity="error" onDismiss={() => setError(null)}>
          {error}
        </Alert>
      )}
      {local.isPending ? (
        <LoadingSpinner size="large" label="Loading recommendations…" />
      ) : (
        <RecommendationList recommendations={local.data ?? []} rankings={rankings} onMark={mark} />
      )}
    </div>
  );
}
