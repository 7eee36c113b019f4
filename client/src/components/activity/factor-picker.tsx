/**
 * The searchable factor picker: an ARIA 1.2 combobox (input + listbox). Typing searches the
 * factor library in the chosen category; arrow keys move, Enter picks, Escape closes. Until an
 * option is picked the value is '' (typing again after a pick clears it).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDb } from '../../services/db-context.tsx';
import type { FactorOption } from '../../worker/api.ts';
import fieldStyles from '../common/field.module.css';
import styles from './factor-picker.module.css';

export interface FactorPickerProps {
  label: string;
  category: string | undefined;
  region: string | undefined;
  value: string;
  onChange: (option: FactorOption | null) => void;
  error?: string | undefined;
  disabled?: boolean;
  onBlur?: () => void;
}

export function FactorPicker({
  label,
  category,
  region,
  value,
  onChange,
  error,
  disabled,
  onBlur,
}: FactorPickerProps) {
  const db = useDb();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  // Results remember the search they answer, so a stale list is never shown (or picked from)
  // after the category or the text changed.
  const [results, setResults] = useState<{ key: string; options: FactorOption[]; total: number }>({
    key: '',
    options: [],
    total: 0,
  });
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<FactorOption | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // Show the picked factor's label when the value is set from outside (edit, resubmit).
  useEffect(() => {
    if (!value) {
      setSelected(null);
      return;
    }
    if (selected?.key === value) return;
    let cancelled = false;
    void db.getFactor(value).then((o) => {
      if (cancelled || !o) return;
      setSelected(o);
      setText(o.label);
    });
    return () => {
      cancelled = true;
    };
  }, [value, db, selected?.key]);

  const query = selected && text === selected.label ? '' : text;
  const searchKey = `${category ?? ''}|${region ?? ''}|${query}`;
  const current = results.key === searchKey;
  const options = current ? results.options : [];
  const total = current ? results.total : 0;

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void db.searchFactors({ category, text: query, region, limit: 50 }).then((r) => {
        if (cancelled) return;
        setResults({ key: searchKey, options: r.options, total: r.total });
        setActive(r.options.length ? 0 : -1);
      });
    }, 60);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [open, query, searchKey, category, region, db]);

  useEffect(() => {
    if (active < 0) return;
    listRef.current
      ?.querySelector(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const pick = (o: FactorOption) => {
    setSelected(o);
    setText(o.label);
    setOpen(false);
    onChange(o);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive((i) => Math.min(i + 1, options.length - 1));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Enter':
        if (open && active >= 0 && options[active]) {
          e.preventDefault();
          pick(options[active]);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
        }
        break;
      default:
        break;
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={fieldStyles.field}>
      <label htmlFor={id} className={fieldStyles.label}>
        {label}
      </label>
      <div className={styles.inputWrap}>
        <input
          id={id}
          type="text"
          role="combobox"
          className={fieldStyles.control}
          value={text}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          placeholder={
            category ? 'Search, e.g. diesel, electricity, beef…' : 'Choose a category first'
          }
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            if (selected) {
              setSelected(null);
              onChange(null);
            }
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => {
            // Let a click on an option land before the list closes.
            setTimeout(() => setOpen(false), 150);
            onBlur?.();
          }}
          onKeyDown={onKeyDown}
        />
        <ul
          id={listId}
          ref={listRef}
          role="listbox"
          aria-label={`${label} options`}
          className={styles.list}
          hidden={!open}
        >
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${id}-opt-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={i === active ? `${styles.option} ${styles.active}` : styles.option}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseMove={() => setActive(i)}
            >
              <span className={styles.optionLabel}>{o.label}</span>
              <span className={styles.optionSource}>
                {o.source.split(',')[0]} {o.year} · Scope {o.scope}
              </span>
            </li>
          ))}
          {open && options.length === 0 && (
            <li className={styles.none} role="presentation">
              No matching factor{category ? ' in this category' : ''}.
            </li>
          )}
        </ul>
      </div>
      <p id={hintId} className={fieldStyles.hint}>
        {selected ? (
          <span data-factor-key={selected.key}>
            Factor {selected.key} · {selected.source} ({selected.year})
            {selected.gasesOnly &&
              '. This factor covers only CH4 and N2O from the distance; log the fuel used as well for its CO2.'}
          </span>
        ) : open && total > options.length ? (
          `Showing ${options.length} of ${total} matches; type to narrow down.`
        ) : (
          'Type to search the factor library, then pick one.'
        )}
      </p>
      {error && (
        <p id={errorId} className={fieldStyles.error}>
          {error}
        </p>
      )}
    </div>
  );
}
