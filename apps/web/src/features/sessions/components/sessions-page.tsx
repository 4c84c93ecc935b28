export function SessionsPage() {
  return <section className="page" />;
}
