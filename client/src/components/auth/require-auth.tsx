import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../../hooks/use-session.ts';

/**
 * Pages behind a session. A session whose refresh was refused (needsLogin) still opens them:
 * local data stays usable, and the sync status offers "Log in again".
 */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (!session)
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}
