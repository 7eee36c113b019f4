import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { Card } from '../components/common/card.tsx';
import { LoadingSpinner } from '../components/common/loading-spinner.tsx';
import { ReportForm } from '../components/report/report-form.tsx';
import { ReportList } from '../components/report/report-list.tsx';
import { ReportView } from '../components/report/report-view.tsx';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { apiFetch } from '../services/api-client.ts';
import { SERVER } from '../services/query-client.ts';
import type { Report } from '../worker/api.ts';

export function ReportsPage() {
  const { reportId } = useParams();
  usePageTitle(reportId ? 'Report' : 'Reports');
  return reportId ? <OneReport reportId={reportId} /> : <AllReports />;
}

function AllReports() {
  const navigate = useNavigate();
  const reports = useLocalQuery({
    key: ['reports'],
    tables: ['reports'],
    query: (db) => db.listReports(),
  });
  const orgs = useLocalQuery({
    key: ['organisations'],
    tables: ['organizations', 'memberships'],
    query: (db) => db.listOrganisations(),
  });
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Reports</h1>
      </div>
      <Card title="Create a report">
        <ReportForm
          orgs={orgs.data ?? []}
          onCreated={(r) => void navigate(`/reports/${r.report_id}`)}
        />
      </Card>
      <Card title="Your reports">
        {reports.isPending ? (
          <LoadingSpinner label="Loading reports…" />
        ) : (
          <ReportList reports={reports.data ?? []} />
        )}
      </Card>
    </div>
  );
}

/** From the local replica; until it has synced there, from the server (cached for offline). */
function OneReport({ reportId }: { reportId: string }) {
  const local = useLocalQuery({
    key: ['report', reportId],
    tables: ['reports'],
    query: (db) => db.getReport(reportId),
  });
  const remote = useQuery({
    queryKey: [SERVER, 'report', reportId],
    queryFn: () => apiFetch<Report>(`/api/v1/reports/${encodeURIComponent(reportId)}`),
    enabled: local.isSuccess && local.data === null,
  });
  const report = local.data ?? remote.data;
  return (
    <div className="stack">
      <div className="page-header">
        <h1>Report</h1>
        <Link to="/reports">All reports</Link>
      </div>
      {report ? (
        <ReportView report={report} />
      ) : local.isPending || remote.isFetching ? (
        <LoadingSpinner size="large" label="Loading the report…" />
      ) : (
        <Card>
          <p>
            This report is not on this device
            {remote.error ? ' and the server cannot be reached' : ''}.
          </p>
        </Card>
      )}
    </div>
  );
}
