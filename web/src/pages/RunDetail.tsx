import { PageHeader } from '../components/ui.tsx';

export function RunDetailPage({ id }: { id: string }) {
  void id;
  return <PageHeader title="RunDetail" />;
}
