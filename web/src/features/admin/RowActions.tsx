/** Move up, move down and remove for one row of an editor; the hidden words name the row. */
export function RowActions({
  noun,
  index,
  count,
  onMove,
  onRemove,
}: {
  noun: string;
  index: number;
  count: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const which = <span className="visually-hidden">{` ${noun} ${index + 1}`}</span>;
  return (
    <div className="row-actions">
      <button type="button" disabled={index === 0} onClick={() => onMove(-1)}>
        Move up{which}
      </button>
      <button type="button" disabled={index === count - 1} onClick={() => onMove(1)}>
        Move down{which}
      </button>
      <button type="button" onClick={onRemove}>
        Remove{which}
      </button>
    </div>
  );
}
