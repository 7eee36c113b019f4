import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../utils/format.ts';
import type { Report } from '../../worker/api.ts';
import { EmptyState } from '../common/empty-state.tsx';
import styles from './report.module.css';

/** The user's reports (the seed's Report/ReportList), newest first, readable offline. */
export function ReportList({ reports }: { reports: readonly Report[] }) {
  if (reports.length === 0) return <EmptyState title="No reports yet. Create one above." />;
  return (
    <ul className={styles.list}>
      {reports.map((r) => (
        <li key={r.report_id} className={styles.listItem}>
          <Link to={`/reports/${r.report_id}`} className={styles.reportLink}>
            {r.report_type}
            {r.framework ? ` (${r.framework.toUpperCase()})` : ''}
          </Link>
          <span className="muted">
            {formatDate(r.start_date)} – {formatDate(r.end_date)} · created{' '}
            {formatDateTime(r.created_at)}
            {r.version > 1 ? ` · version ${r.version}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
