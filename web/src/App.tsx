import type { ReactNode } from 'react';
import { Layout } from './components/Layout.tsx';
import { Loading } from './components/ui.tsx';
import { ConnectLinkPage } from './pages/ConnectLink.tsx';
import { IntegrationPage } from './pages/Integration.tsx';
import { LearnerDetailPage } from './pages/LearnerDetail.tsx';
import { LearnersPage } from './pages/Learners.tsx';
import { LoginPage } from './pages/Login.tsx';
import { ReportsPage } from './pages/Reports.tsx';
import { RunDetailPage } from './pages/RunDetail.tsx';
import { SettingsPage } from './pages/Settings.tsx';
import { SyncHistoryPage } from './pages/SyncHistory.tsx';
import { Redirect, match, useLocation } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';

/** Signed-in pages, by path pattern. */
const PAGES: readonly [string, (params: Record<string, string>) => ReactNode][] = [
  ['/learners', () => <LearnersPage />],
  ['/learners/:id', (p) => <LearnerDetailPage id={p['id'] ?? ''} />],
  ['/sync', () => <SyncHistoryPage />],
  ['/sync/runs/:id', (p) => <RunDetailPage id={p['id'] ?? ''} />],
  ['/reports', () => <ReportsPage />],
  ['/settings/hris', () => <IntegrationPage />],
  ['/settings/general', () => <SettingsPage />],
];

function Routes() {
  const { pathname } = useLocation();
  const { me, loading } = useSession();
  const link = match('/connect/:token', pathname);
  if (link) return <ConnectLinkPage token={link['token'] ?? ''} />;
  if (loading) return <Loading />;
  if (!me) return pathname === '/login' ? <LoginPage /> : <Redirect to="/login" />;
  if (pathname === '/' || pathname === '/login') return <Redirect to="/learners" />;
  for (const [pattern, render] of PAGES) {
    const params = match(pattern, pathname);
    if (params) return <Layout>{render(params)}</Layout>;
  }
  return (
    <Layout>
      <h1>Not found</h1>
      <p>There is no page at {pathname}.</p>
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}
