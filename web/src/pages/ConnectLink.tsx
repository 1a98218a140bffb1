import { PageHeader } from '../components/ui.tsx';

export function ConnectLinkPage({ token }: { token: string }) {
  void token;
  return <PageHeader title="ConnectLink" />;
}
