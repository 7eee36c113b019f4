import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireAuth } from './components/auth/require-auth.tsx';
import { AppLayout } from './components/navigation/app-layout.tsx';

// Every page is its own chunk: the first load carries only the shell (budget: 200 KB gzip).
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const HomePage = page(() => import('./pages/home-page.tsx'), 'HomePage');
const LoginPage = page(() => import('./pages/login-page.tsx'), 'LoginPage');
const RegisterPage = page(() => import('./pages/register-page.tsx'), 'RegisterPage');
const DashboardPage = page(() => import('./pages/dashboard-page.tsx'), 'DashboardPage');
const ActivitiesPage = page(() => import('./pages/activities-page.tsx'), 'ActivitiesPage');
const GoalsPage = page(() => import('./pages/goals-page.tsx'), 'GoalsPage');
const ReportsPage = page(() => import('./pages/reports-page.tsx'), 'ReportsPage');
const RecommendationsPage = page(
  () => import('./pages/recommendations-page.tsx'),
  'RecommendationsPage',
);
const ChallengesPage = page(() => import('./pages/challenges-page.tsx'), 'ChallengesPage');
const AchievementsPage = page(() => import('./pages/achievements-page.tsx'), 'AchievementsPage');
const OrganisationPage = page(() => import('./pages/organisation-page.tsx'), 'OrganisationPage');
const ProfilePage = page(() => import('./pages/profile-page.tsx'), 'ProfilePage');
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
