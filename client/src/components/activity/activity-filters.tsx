import { useEffect, useState } from 'react';
import { dayEndExclusiveIso, dayStartIso } from '../../utils/dates.ts';
import type { ActivityFilter, ActivitySort } from '../../worker/api.ts';
import { Checkbox } from '../common/checkbox.tsx';
import { Input } from '../common/input.tsx';
import { Select } from '../common/select.tsx';
import styles from './activity-list.module.css';
import { CATEGORIES } from './categories.ts';

export interface ListControls {
  search: string;
  category: string;
  from: string;
  until: string;
  pendingOnly: boolean;
  sort: ActivitySort;
}

export const DEFAULT_CONTROLS: ListControls = {
  search: '',
  category: 'all',
  from: '',
  until: '',
  pendingOnly: false,
  sort: 'timestamp_desc',
};

/** The worker's filter from the controls (dates are local days, the filter is in instants). */
export function toFilter(c: ListControls): ActivityFilter {
  const f: ActivityFilter = {};
  if (c.search.trim()) f.search = c.search.trim();
  if (c.category !== 'all') f.category = c.category;
  if (c.from) f.from = dayStartIso(c.from);
  if (c.until) f.to = dayEndExclusiveIso(c.until);
  if (c.pendingOnly) f.pendingOnly = true;
  return f;
}

export function isFiltered(c: ListControls): boolean {
  return Object.keys(toFilter(c)).length > 0;
}

const SORTS: { value: ActivitySort; label: string }[] = [
  { value: 'timestamp_desc', label: 'Newest first' },
  { value: 'timestamp_asc', label: 'Oldest first' },
  { value: 'co2e_desc', label: 'Largest emissions' },
  { value: 'co2e_asc', label: 'Smallest emissions' },
];

export function ActivityFilters({
  value,
  onChange,
}: {
  value: ListControls;
  onChange: (next: ListControls) => void;
}) {
  // The search box updates the list after a short pause, not on every key.
  const [search, setSearch] = useState(value.search);
  useEffect(() => {
    if (search === value.search) return;
    const t = setTimeout(() => onChange({ ...value, search }), 200);
    return () => clearTimeout(t);
  }, [search, value, onChange]);

  return (
    <div className={styles.filters} role="search" aria-label="Filter activities">
      <Input
        label="Search activities"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <Select
        label="Filter by category"
        value={value.category}
        onValueChange={(category) => onChange({ ...value, category })}
        options={[
          { value: 'all', label: 'All categories' },
          ...CATEGORIES.map((c) => ({ value: c.value, label: c.label })),
        ]}
      />
      <Input
        label="From"
        type="date"
        value={value.from}
        onChange={(e) => onChange({ ...value, from: e.target.value })}
      />
      <Input
        label="Until"
        type="date"
        value={value.until}
        onChange={(e) => onChange({ ...value, until: e.target.value })}
      />
      <Select
        label="Sort by"
        value={value.sort}
        onValueChange={(sort) => onChange({ ...value, sort: sort as ActivitySort })}
        options={SORTS}
      />
      <Checkbox
        label="Pending sync only"
        checked={value.pendingOnly}
        onChange={(e) => onChange({ ...value, pendingOnly: e.target.checked })}
      />
    </div>
  );
}
