import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, fieldErrorsOf } from '../../api/problem';
import { Field, FormActions } from '../../ui/components';
import { formatQuantity } from '../../ui/format';
import type { StockLevel } from './inventory-queries';

/**
 * A new count for one level: the API writes the difference as an adjustment. It sends what the person
 * saw (the ETag and the quantity), so a count made while someone else changed the level is refused
 * (412) rather than erasing their change; the screen then shows the new figure to count against.
 */
export function CountForm({ level, onDone, onStale }: { level: StockLevel; onDone: () => void; onStale: () => void }) {
  const [quantity, setQuantity] = useState(formatQuantity(level.quantity));
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: async (seen: StockLevel) =>
      unwrap(
        await api.PATCH('/api/inventory/items/{id}/', {
          params: { path: { id: seen.id } },
          headers: { 'If-Match': `"${seen.version}"` },
          body: { quantity: quantity.trim(), reason: reason.trim(), expected_quantity: seen.quantity },
        }),
      ),
    onSuccess: onDone,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) onStale();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const stale = save.error instanceof ApiError && save.error.status === 412;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(level);
  };
  const title = `Count ${level.product.sku} in ${level.warehouse.code}`;
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <p className="muted">
        The books say {formatQuantity(level.quantity)} {level.product.unit} on hand. Enter what is on the shelf; the
        difference is recorded as an adjustment with your reason.
      </p>
      <div className="form-grid">
        <Field label="Counted quantity" required errors={errors.quantity}>
          {(props) => (
            <input {...props} inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          )}
        </Field>
        <Field label="Reason" required hint="For example: cycle count, damaged, found" errors={errors.reason}>
          {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      </div>
      <FormActions
        label="Save count"
        pendingLabel="Saving…"
        pending={save.isPending}
        error={Object.keys(errors).length ? null : save.error}
        notice={stale ? `The figure above is the current one now: count against it and save again.` : null}
      />
    </form>
  );
}
