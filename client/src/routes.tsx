import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './components/auth/require-auth.tsx';
import { AppLayout } from './components/navigation/app-layout.tsx';

// Every page is its own chunk: the first load carries only the shell (budget: 200 KB gzip).
const LOADERS = {
  '/': () => import('./pages/home-page.tsx'),
  '/login': () => import('./pages/login-page.tsx'),
  '/register': () => import('./pages/register-page.tsx'),
  '/dashboard': () => import('./pages/dashboard-page.tsx'),
  '/activities': () => import('./pages/activities-page.tsx'),
  '/goals': () => import('./pages/goals-page.tsx'),
  '/reports': () => import('./pages/reports-page.tsx'),
  '/recommendations': () => import('./pages/recommendations-page.tsx'),
  '/challenges': () => import('./pages/challenges-page.tsx'),
  '/achievements': () => import('./pages/achievements-page.tsx'),
  '/organisation': () => import('./pages/organisation-page.tsx'),
  '/profile': () => import('./pages/profile-page.tsx'),
} as const;

/**
 * Starts loading the chunk of the page at `pathname` (called at startup, in parallel with the DB
 * worker's start, so a cold start does not wait for the two one after the other).
 */
export function preloadPage(pathname: string): void {
  const base = `/${pathname.split('/')[1] ?? ''}` as keyof typeof LOADERS;
  void LOADERS[base]?.();
}

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const HomePage = page(LOADERS['/'], 'HomePage');
const LoginPage = page(LOADERS['/login'], 'LoginPage');
const RegisterPage = page(LOADERS['/register'], 'RegisterPage');
const DashboardPage = page(LOADERS['/dashboard'], 'DashboardPage');
const ActivitiesPage = page(LOADERS['/activities'], 'ActivitiesPage');
const GoalsPage = page(LOADERS['/goals'], 'GoalsPage');
const ReportsPage = page(LOADERS['/reports'], 'ReportsPage');
const RecommendationsPage = page(LOADERS['/recommendations'], 'RecommendationsPage');
const ChallengesPage = page(LOADERS['/challenges'], 'ChallengesPage');
const AchievementsPage = page(LOADERS['/achievements'], 'AchievementsPage');
const OrganisationPage = page(LOADERS['/organisation'], 'OrganisationPage');
const ProfilePage = page(LOADERS['/profile'], 'ProfilePage');
const NotFoundPage = page(() => import('./pages/not-found-page.tsx'), 'NotFoundPage');

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <AppLayout />,
      children: [
        { index: true, element: <HomePage /> },
        { path: 'login', element: <LoginPage /> },
        { path: 'register', element: <RegisterPage /> },
        {
          element: <RequireAuth />,
          children: [
            { path: 'dashboard', element: <DashboardPage /> },
            { path: 'activities', element: <ActivitiesPage /> },
            { path: 'goals', element: <GoalsPage /> },
            { path: 'reports', element: <ReportsPage /> },
            { path: 'reports/:reportId', element: <ReportsPage /> },
            { path: 'recommendations', element: <RecommendationsPage /> },
            { path: 'challenges', element: <ChallengesPage /> },
            { path: 'achievements', element: <AchievementsPage /> },
            { path: 'organisation', element: <OrganisationPage /> },
            { path: 'profile', element: <ProfilePage /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
