import { PageHeader } from '../components/ui.tsx';

export function IntegrationPage() {
  return <PageHeader title="Integration" />;
}
