import { Link } from 'react-router';
import { Card } from '../components/common/card.tsx';
import { usePageTitle } from '../hooks/use-page-title.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Card>
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <Link to="/">Go to the home page</Link>
    </Card>
  );
}
