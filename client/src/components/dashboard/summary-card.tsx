import type { ReactNode } from 'react';
import { Card } from '../common/card.tsx';
import styles from './dashboard.module.css';

/** One headline number with its context line (the seed's Dashboard/SummaryCard). */
export function SummaryCard({
  title,
  value,
  detail,
  testId,
}: {
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
}) {
  return (
    <Card title={title} level={2} className={styles.summary}>
      <p className={styles.value} data-testid={testId}>
        {value}
      </p>
      {detail && <p className={styles.detail}>{detail}</p>}
    </Card>
  );
}
