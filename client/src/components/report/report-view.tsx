/**
 * One report (the seed's Report/ReportView): headline figures, charts in the design colours
 * (lazily loaded), the tables behind them, and exports — JSON and CSV made on the device
 * (offline), XLSX and PDF from the server.
 */
import { lazy, Suspense, useState } from 'react';
import { useOnline } from '../../hooks/use-online.ts';
import { apiDownload } from '../../services/api-client.ts';
import { errorMessage } from '../../services/api-errors.ts';
import { downloadBlob, downloadText } from '../../utils/download.ts';
import { formatCo2e, formatDate, formatKg, formatPercent, humanize } from '../../utils/format.ts';
import type { Report } from '../../worker/api.ts';
import { Alert } from '../common/alert.tsx';
import { Button } from '../common/button.tsx';
import { Card } from '../common/card.tsx';
import { LoadingSpinner } from '../common/loading-spinner.tsx';
import { categoryTotals, footprintData, monthlyTotals, scopeSplit } from './report-data.ts';
import styles from './report.module.css';

const TrendChart = lazy(async () => ({
  default: (await import('../dashboard/chart-component.tsx')).TrendChart,
}));
const CategoryChart = lazy(async () => ({
  default: (await import('../dashboard/chart-component.tsx')).CategoryChart,
}));
const ScopeChart = lazy(async () => ({
  default: (await import('../dashboard/chart-component.tsx')).ScopeChart,
}));

export function ReportView({ report }: { report: Report }) {
  const data = footprintData(report.data);
  return (
    <div className="stack">
      <Card
        title={`${report.report_type} · ${formatDate(report.start_date)} – ${formatDate(report.end_date)}`}
        actions={<ReportExports report={report} />}
      >
        {data ? (
          <dl className={styles.figures}>
            <div>
              <dt>Total</dt>
              <dd data-testid="report-total">{formatCo2e(data.total_emissions)}</dd>
            </div>
            <div>
              <dt>Activities</dt>
              <dd>{data.activity_count}</dd>
            </div>
            <div>
              <dt>Previous period</dt>
              <dd>{formatCo2e(data.comparison.previous_total_emissions)}</dd>
            </div>
            <div>
              <dt>Change</dt>
              <dd>{formatPercent(data.comparison.change_pct)}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">
            This report&apos;s figures are shown as stored; use the exports for the full document.
          </p>
        )}
      </Card>
      {data ? (
        <>
          <div className="grid">
            <Card title="Per month" level={3}>
              <Suspense fallback={<LoadingSpinner label="Loading chart…" />}>
                <TrendChart trend={monthlyTotals(data)} />
              </Suspense>
            </Card>
            <Card title="By category" level={3}>
              <Suspense fallback={<LoadingSpinner label="Loading chart…" />}>
                <CategoryChart categories={categoryTotals(data)} />
              </Suspense>
            </Card>
            <Card title="By scope" level={3}>
              <Suspense fallback={<LoadingSpinner label="Loading chart…" />}>
                <ScopeChart split={scopeSplit(data)} />
              </Suspense>
            </Card>
          </div>
          <Card title="By activity type" level={3}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Activity type</th>
                  <th scope="col">kg CO2e</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(data.by_activity_type).map(([type, kg]) => (
                  <tr key={type}>
                    <th scope="row">{humanize(type)}</th>
                    <td className="number">{formatKg(kg)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </>
      ) : (
        <Card title="Report data" level={3}>
          <pre className={styles.json}>{JSON.stringify(report.data, null, 2)}</pre>
        </Card>
      )}
    </div>
  );
}

function ReportExports({ report }: { report: Report }) {
  const online = useOnline();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const local = async (format: 'json' | 'csv') => {
    const { reportToCsv, reportFileName } = await import('./report-export.ts');
    if (format === 'json')
      downloadText(
        reportFileName(report, 'json'),
        'application/json',
        JSON.stringify(report, null, 2),
      );
    else downloadText(reportFileName(report, 'csv'), 'text/csv', reportToCsv(report));
  };

  const remote = async (format: 'xlsx' | 'pdf') => {
    setBusy(format);
    setError(null);
    try {
      const { blob, fileName } = await apiDownload(
        `/api/v1/reports/${encodeURIComponent(report.report_id)}/export?format=${format}`,
      );
      const { reportFileName } = await import('./report-export.ts');
      downloadBlob(fileName ?? reportFileName(report, format), blob);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack">
      <div className="row">
        <Button size="small" variant="outline" onClick={() => void local('csv')}>
          Export CSV
        </Button>
        <Button size="small" variant="outline" onClick={() => void local('json')}>
          Export JSON
        </Button>
        <Button
          size="small"
          variant="outline"
          disabled={!online}
          loading={busy === 'xlsx'}
          onClick={() => void remote('xlsx')}
        >
          Export XLSX
        </Button>
        <Button
          size="small"
          variant="outline"
          disabled={!online}
          loading={busy === 'pdf'}
          onClick={() => void remote('pdf')}
        >
          Export PDF
        </Button>
      </div>
      {error && <Alert severity="error">{error}</Alert>}
    </div>
  );
}
