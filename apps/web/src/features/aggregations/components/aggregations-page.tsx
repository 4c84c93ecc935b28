export function AggregationsPage() {
  return <section className="page" />;
}
