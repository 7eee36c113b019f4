/**
 * The activity list (the seed's Activity/ActivityList), virtualised for 100k rows: only the rows
 * in view are rendered, and they are read from the worker a page (100 rows) at a time, each page
 * a live query that refetches when activities or emissions change.
 */
import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { timed } from '../../hooks/use-local-query.ts';
import { useLocalQuery } from '../../hooks/use-local-query.ts';
import { useDb } from '../../services/db-context.tsx';
import { LOCAL, type LocalQueryMeta } from '../../services/query-client.ts';
import { formatNumber } from '../../utils/format.ts';
import type { ActivityFilter, ActivityListItem, ActivitySort } from '../../worker/api.ts';
import { EmptyState } from '../common/empty-state.tsx';
import { ActivityItem } from './activity-item.tsx';
import styles from './activity-list.module.css';
import { PAGE_SIZE, pagesFor } from './list-pages.ts';

const ROW_HEIGHT = 76;
const META: LocalQueryMeta = { tables: ['activities', 'emissions'] };

export interface ActivityListProps {
  filter: ActivityFilter;
  sort: ActivitySort;
  onEdit: (a: ActivityListItem) => void;
  onDelete: (a: ActivityListItem) => void;
  filtered: boolean;
}

export function ActivityList({ filter, sort, onEdit, onDelete, filtered }: ActivityListProps) {
  const db = useDb();
  const scrollRef = useRef<HTMLDivElement>(null);
  const filterKey = JSON.stringify(filter);

  const count = useLocalQuery({
    key: ['activities-count', filterKey],
    tables: ['activities', 'emissions'],
    query: (d) => d.countActivities(filter),
    keepPrevious: true,
  });
  const total = count.data ?? 0;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const pages = useMemo(() => pagesFor(first, Math.max(last, 0)), [first, last]);

  const pageResults = useQueries({
    queries: (total > 0 ? pages : []).map((p) => ({
      queryKey: [LOCAL, 'activities-page', filterKey, sort, p],
      queryFn: () =>
        timed('activities-page', () =>
          db.listActivities({ ...filter, sort, offset: p * PAGE_SIZE, limit: PAGE_SIZE }),
        ),
      meta: META,
      staleTime: Infinity,
      gcTime: 60_000,
      networkMode: 'always' as const,
    })),
  });

  const rowAt = (index: number): ActivityListItem | undefined => {
    const p = Math.floor(index / PAGE_SIZE);
    const page = pageResults[pages.indexOf(p)]?.data;
    return page?.rows[index - page.offset];
  };

  if (count.isPending) return null;
  if (total === 0) {
    return filtered ? (
      <p className="muted">No activities match these filters.</p>
    ) : (
      <EmptyState title="No activities yet. Log your first one above." />
    );
  }

  return (
    <>
      <p className={styles.summaryLine} aria-live="polite">
        {formatNumber(total, 0)} {total === 1 ? 'activity' : 'activities'}
      </p>
      <div
        ref={scrollRef}
        className={styles.scroller}
        tabIndex={0}
        role="region"
        aria-label="Activity list"
        // As tall as the rows need, up to the scroller's maximum (a few rows leave no blank box).
        style={{ height: `min(70vh, 720px, ${virtualizer.getTotalSize() + 8}px)` }}
      >
        <ul className={styles.virtualList} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const a = rowAt(v.index);
            return (
              <li
                key={a?.activity_id ?? `row-${v.index}`}
                ref={virtualizer.measureElement}
                data-index={v.index}
                className={styles.virtualRow}
                style={{ transform: `translateY(${v.start}px)` }}
                aria-setsize={total}
                aria-posinset={v.index + 1}
              >
                {a ? (
                  <ActivityItem activity={a} onEdit={onEdit} onDelete={onDelete} />
                ) : (
                  <div className={styles.placeholderRow} aria-hidden="true" />
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}
