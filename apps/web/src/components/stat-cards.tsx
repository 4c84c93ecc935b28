import type { ReactNode } from 'react';

export interface StatCard {
  id: string;
  label: ReactNode;
  value: ReactNode;
}

/** A row of figure cards; each card's test id is `${testIdPrefix}${card.id}`. */
export function StatCards({ cards, testIdPrefix, testId }: { cards: readonly StatCard[]; testIdPrefix: string; testId?: string }) {
  return (
    <div className="cards" data-testid={testId}>
      {cards.map((card) => (
        <div key={card.id} className="card stat-card" data-testid={`${testIdPrefix}${card.id}`}>
          <div className="stat-label">{card.label}</div>
          <div className="stat-value">{card.value}</div>
        </div>
      ))}
    </div>
  );
}
