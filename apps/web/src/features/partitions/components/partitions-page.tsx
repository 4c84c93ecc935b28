export function PartitionsPage() {
  return <section className="page" />;
}
