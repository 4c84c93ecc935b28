export function App() {
  return <h1>Capacity</h1>;
}
