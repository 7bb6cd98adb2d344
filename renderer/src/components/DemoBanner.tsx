// While no real key is configured, the popover shows a simulated Voucherify project and says so.
export function DemoBanner({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="banner" data-testid="demo-banner">
      <span>Demo project: simulated Voucherify. Add your key to replace it.</span>
      <button type="button" className="primary small" onClick={onAdd}>
        Add key
      </button>
    </div>
  );
}
