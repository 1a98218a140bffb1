import { PageHeader } from '../components/ui.tsx';

export function LearnersPage() {
  return <PageHeader title="Learners" />;
}
