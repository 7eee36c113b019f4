import { Link } from 'react-router';
import { Card } from '../components/common/card.tsx';
import { useLocalQuery } from '../hooks/use-local-query.ts';
import { usePageTitle } from '../hooks/use-page-title.ts';
import { useSession } from '../hooks/use-session.ts';
import { formatCo2e, formatPercent } from '../utils/format.ts';
import styles from './home-page.module.css';

const FEATURES = [
  {
    title: 'Works with no signal',
    text: 'Log activities in the field, on a plane or in a basement. Everything is saved on your device and syncs when you are back online.',
  },
  {
    title: 'Numbers you can trace',
    text: 'Every kilogram of CO2e shows the factor, its source and edition, the GWP set and the arithmetic behind it.',
  },
  {
    title: 'For people and teams',
    text: 'Track your own footprint, or share a workspace with your organisation and see Scope 1, 2 and 3 together.',
  },
];

export function HomePage() {
  usePageTitle('Home');
  const session = useSession();
  return session ? <Welcome username={session.username} /> : <Landing />;
}

function Landing() {
  return (
    <div className={styles.landing}>
      <section className={styles.hero}>
        <h1>Know your carbon footprint, wherever you are.</h1>
        <p className={styles.lead}>
          Eco-Track calculates the emissions of what you do — travel, energy, food, purchases — on
          your own device, from published emission factors, and helps you bring them down.
        </p>
        <div className="row">
          <Link to="/register" className={styles.cta}>
            Create an account
          </Link>
          <Link to="/login" className={styles.ctaSecondary}>
            Log in
          </Link>
        </div>
      </section>
      <div className="grid">
        {FEATURES.map((f) => (
          <Card key={f.title} title={f.title}>
            <p>{f.text}</p>
          </Card>
        ))}
      </div>
    </div>
  );
}

function Welcome({ username }: { username: string }) {
  const comparison = useLocalQuery({
    key: ['month-comparison'],
    tables: ['activities', 'emissions'],
    query: (db) => db.monthComparison(),
  });
  return (
    <div className="stack">
      <h1>Welcome back, {username}</h1>
      <div className="grid">
        <Card title="This month">
          <p className={styles.big}>{formatCo2e(comparison.data?.this_month_kg)}</p>
          <p className="muted">
            Last month {formatCo2e(comparison.data?.last_month_kg)} (
            {formatPercent(comparison.data?.change_pct ?? null)})
          </p>
        </Card>
        <Card title="Quick actions">
          <ul className={styles.actions}>
            <li>
              <Link to="/activities?new=1">Log an activity</Link>
            </li>
            <li>
              <Link to="/dashboard">See your dashboard</Link>
            </li>
            <li>
              <Link to="/goals">Set a goal</Link>
            </li>
            <li>
              <Link to="/recommendations">Find ways to cut emissions</Link>
            </li>
          </ul>
        </Card>
      </div>
    </div>
  );
}
