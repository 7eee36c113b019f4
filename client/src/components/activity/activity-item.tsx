import { formatCo2e, formatDate, formatNumber } from '../../utils/format.ts';
import type { ActivityListItem } from '../../worker/api.ts';
import { Button } from '../common/button.tsx';
import styles from './activity-list.module.css';
import { categoryLabel } from './categories.ts';

export interface ActivityItemProps {
  activity: ActivityListItem;
  onEdit?: (a: ActivityListItem) => void;
  onDelete?: (a: ActivityListItem) => void;
  onShow?: (a: ActivityListItem) => void;
}

/** One activity (the seed's Activity/ActivityItem), with its pending marker while unsynced. */
export function ActivityItem({ activity: a, onEdit, onDelete, onShow }: ActivityItemProps) {
  const title = a.description || a.activity_type;
  return (
    <article className={styles.item} aria-label={`${title}, ${formatDate(a.timestamp)}`}>
      <div className={styles.main}>
        <p className={styles.title}>
          {title}
          {a.pending && (
            <span className="badge badge--pending" title="Saved on this device, not yet synced">
              Pending sync
            </span>
          )}
        </p>
        <p className={styles.meta}>
          <time dateTime={a.timestamp}>{formatDate(a.timestamp)}</time> ·{' '}
          {categoryLabel(a.category)} · {formatNumber(a.amount, 3)} {a.unit}
          {a.location ? ` · ${a.location}` : ''}
          {a.scope ? ` · Scope ${a.scope}` : ''}
        </p>
      </div>
      <p className={styles.co2e}>
        <span className="number">{formatCo2e(a.co2_equivalent)}</span>
      </p>
      {(onEdit || onDelete || onShow) && (
        <div className={styles.actions}>
          {onShow && (
            <Button size="small" variant="ghost" onClick={() => onShow(a)}>
              Details<span className="visually-hidden"> of {title}</span>
            </Button>
          )}
          {onEdit && (
            <Button size="small" variant="outline" onClick={() => onEdit(a)}>
              Edit<span className="visually-hidden"> {title}</span>
            </Button>
          )}
          {onDelete && (
            <Button size="small" variant="ghost" onClick={() => onDelete(a)}>
              Delete<span className="visually-hidden"> {title}</span>
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
