/** Secure connect links: send one to the HRIS owner, see who connected, revoke. */
export function ConnectLinksPanel(props: { connectorId: string | null }) {
  void props;
  return null;
}
