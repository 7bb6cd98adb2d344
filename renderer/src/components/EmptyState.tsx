// First run without the demo: one clear thing to do.
export function EmptyState({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="empty" data-testid="empty">
      <h2>Watch your API quota</h2>
      <p>
        Add an API key and Headroom reads its rate-limit headers: how much is left in each window, when it
        resets, and whether the billing cycle will last.
      </p>
      <button type="button" className="primary" onClick={onAdd}>
        Add your first key
      </button>
    </div>
  );
}
