/**
 * The organisation's GHG inventory for a year, aggregated on the server over every member's
 * synced activities (GET /api/v1/orgs/{id}/inventory), cached for offline reading.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch } from '../../services/api-client.ts';
import { errorMessage } from '../../services/api-errors.ts';
import { SERVER } from '../../services/query-client.ts';
import { formatCo2e, formatPercent } from '../../utils/format.ts';
import { LoadingSpinner } from '../common/loading-spinner.tsx';
import { Select } from '../common/select.tsx';
import styles from '../report/report.module.css';

interface InventorySummary {
  scope1_kg: number;
  scope2_location_kg: number;
  scope2_market_kg: number;
  scope3_kg: number;
  total_location_kg: number;
  total_market_kg: number;
  activity_count: number;
  comparison?: { change_vs_prior_pct?: { location: number | null } };
}

export function OrgInventory({ orgId }: { orgId: string }) {
  const thisYear = new Date().getUTCFullYear();
  const [year, setYear] = useState(String(thisYear));
  const inventory = useQuery({
    queryKey: [SERVER, 'orgs', orgId, 'inventory', year],
    queryFn: () =>
      apiFetch<InventorySummary>(
        `/api/v1/orgs/${orgId}/inventory?from=${year}-01-01&to=${year}-12-31`,
      ),
  });
  const inv = inventory.data;
  return (
    <div className="stack">
      <Select
        label="Year"
        value={year}
        onValueChange={setYear}
        options={[0, 1, 2, 3].map((d) => ({
          value: String(thisYear - d),
          label: String(thisYear - d),
        }))}
      />
      {inv ? (
        <dl className={styles.figures}>
          <div>
            <dt>Scope 1</dt>
            <dd>{formatCo2e(inv.scope1_kg)}</dd>
          </div>
          <div>
            <dt>Scope 2 (location-based)</dt>
            <dd>{formatCo2e(inv.scope2_location_kg)}</dd>
          </div>
          <div>
            <dt>Scope 2 (market-based)</dt>
            <dd>{formatCo2e(inv.scope2_market_kg)}</dd>
          </div>
          <div>
            <dt>Scope 3</dt>
            <dd>{formatCo2e(inv.scope3_kg)}</dd>
          </div>
          <div>
            <dt>Total (location-based)</dt>
            <dd>{formatCo2e(inv.total_location_kg)}</dd>
          </div>
          <div>
            <dt>Against the prior year</dt>
            <dd>{formatPercent(inv.comparison?.change_vs_prior_pct?.location ?? null)}</dd>
          </div>
        </dl>
      ) : inventory.isPending && inventory.fetchStatus !== 'idle' ? (
        <LoadingSpinner label="Loading the inventory…" />
      ) : (
        <p className="muted">
          {inventory.error
            ? `The inventory is not available: ${errorMessage(inventory.error)}`
            : 'Offline: the inventory shows after it has loaded once.'}
        </p>
      )}
    </div>
  );
}
