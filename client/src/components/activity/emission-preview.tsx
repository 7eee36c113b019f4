/**
 * The live kg CO2e preview under the log form: calculated on the device by the DB worker (the
 * shared engine) while the user types, with the derivation on demand.
 */
import { useEffect, useState } from 'react';
import { useDb } from '../../services/db-context.tsx';
import { formatCo2e, formatGasKg } from '../../utils/format.ts';
import type { EmissionResult, GwpSet, WriteResult } from '../../worker/api.ts';
import styles from './activity-form.module.css';

export interface EmissionPreviewProps {
  factorKey: string;
  amount: number | undefined;
  unit: string;
  gwpSet?: GwpSet | null;
}

export function EmissionPreview({ factorKey, amount, unit, gwpSet }: EmissionPreviewProps) {
  const db = useDb();
  const [result, setResult] = useState<WriteResult<EmissionResult> | null>(null);
  const ready = Boolean(factorKey && unit && amount !== undefined && Number.isFinite(amount));

  useEffect(() => {
    if (!ready) {
      setResult(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      void db
        .previewEmission({
          factor_key: factorKey,
          amount: amount ?? 0,
          unit,
          gwp_set: gwpSet ?? null,
        })
        .then((r) => {
          if (!cancelled) setResult(r);
        });
    }, 80);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [db, ready, factorKey, amount, unit, gwpSet]);

  if (!ready || !result) {
    return (
      <div className={styles.preview} aria-live="polite" data-testid="emission-preview">
        <span className="muted">Pick an activity and enter an amount to see its emissions.</span>
      </div>
    );
  }
  if (!result.ok) {
    return (
      <div
        className={`${styles.preview} ${styles.previewError}`}
        aria-live="polite"
        data-testid="emission-preview"
      >
        {result.error.message}
      </div>
    );
  }
  const r = result.value;
  return (
    <div className={styles.preview} aria-live="polite" data-testid="emission-preview">
      <p className={styles.previewValue}>
        <span className="visually-hidden">Estimated emissions: </span>
        <span data-testid="preview-co2e" data-kg={r.co2eKg}>
          {formatCo2e(r.co2eKg)}
        </span>
      </p>
      <p className={styles.previewMeta}>
        CO2 {formatGasKg(r.co2Kg)} kg · CH4 {formatGasKg(r.ch4Kg)} kg · N2O {formatGasKg(r.n2oKg)}{' '}
        kg · {r.gwpSet} · Scope {r.factor.scope}
      </p>
      <details className={styles.derivation}>
        <summary>Show the calculation</summary>
        <pre>{r.derivation}</pre>
        <p>
          Source: {r.factor.source} ({r.factor.year})
          {r.factor.sourceUrl && (
            <>
              {' '}
              <a href={r.factor.sourceUrl} target="_blank" rel="noreferrer">
                open source
              </a>
            </>
          )}
        </p>
      </details>
    </div>
  );
}
