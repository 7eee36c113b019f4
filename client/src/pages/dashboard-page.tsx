import { Dashboard } from '../components/dashboard/dashboard.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

export function DashboardPage() {
  usePageTitle('Dashboard');
  return <Dashboard />;
}
