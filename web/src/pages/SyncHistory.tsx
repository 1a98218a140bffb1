import { PageHeader } from '../components/ui.tsx';

export function SyncHistoryPage() {
  return <PageHeader title="SyncHistory" />;
}
