import { PageHeader } from '../components/ui.tsx';

export function ReportsPage() {
  return <PageHeader title="Reports" />;
}
