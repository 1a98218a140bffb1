import { PageHeader } from '../components/ui.tsx';

export function LearnerDetailPage({ id }: { id: string }) {
  void id;
  return <PageHeader title="LearnerDetail" />;
}
