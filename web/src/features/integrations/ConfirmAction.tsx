import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A destructive action asks first, in the page (no browser dialog): the question and its two
 * answers appear in place of the button, with focus on the confirming one.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  /** The button's content; may carry visually-hidden words that say what it acts on. */
  label: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="danger" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm-action" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        ref={confirmRef}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
