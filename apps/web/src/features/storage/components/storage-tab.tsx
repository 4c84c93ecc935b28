import type { InstanceResponse } from '@capacity/contracts';

export function StorageTab({ instance }: { instance: InstanceResponse }) {
  return <div data-testid="storage-panel">{instance.name}</div>;
}
