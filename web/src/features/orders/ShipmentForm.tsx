import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/problem';
import { ErrorNote, Field } from '../../ui/components';
import type { useCreateShipment } from './order-mutations';
import { EMPTY_SHIPMENT, shipmentBody, type ShipmentDraft } from './shipment-form';

/** Recording a shipment is how an order in processing becomes shipped (the requestor is e-mailed). */
export function ShipmentForm({ create, currency }: { create: ReturnType<typeof useCreateShipment>; currency: string }) {
  const [draft, setDraft] = useState<ShipmentDraft>(EMPTY_SHIPMENT);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const bind = (key: keyof ShipmentDraft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(shipmentBody(draft), { onSuccess: () => setDraft(EMPTY_SHIPMENT) });
  };
  return (
    <form aria-labelledby="order-ship-title" onSubmit={submit}>
      <h3 id="order-ship-title">Create shipment</h3>
      <div className="form-grid">
        <Field label="Carrier" required errors={fieldErrors.carrier}>
          {(props) => <input {...props} type="text" maxLength={100} required {...bind('carrier')} />}
        </Field>
        <Field label="Tracking number" required errors={fieldErrors.tracking_number}>
          {(props) => <input {...props} type="text" maxLength={100} required {...bind('tracking_number')} />}
        </Field>
        <Field label="Service type" hint="For example Ground or Express." errors={fieldErrors.service_type}>
          {(props) => <input {...props} type="text" maxLength={100} {...bind('service_type')} />}
        </Field>
        <Field label="Shipping cost" hint={`In ${currency}, e.g. 15.99.`} errors={fieldErrors.shipping_cost}>
          {(props) => <input {...props} type="text" inputMode="decimal" {...bind('shipping_cost')} />}
        </Field>
        <Field label="Estimated delivery" errors={fieldErrors.estimated_delivery}>
          {(props) => <input {...props} type="date" {...bind('estimated_delivery')} />}
        </Field>
      </div>
      <Field label="Shipment note" hint="Optional; kept in the status history." errors={fieldErrors.note}>
        {(props) => <textarea {...props} maxLength={2000} {...bind('note')} />}
      </Field>
      <div className="decision-buttons">
        <button type="submit" className="primary" disabled={create.isPending}>
          Create shipment
        </button>
      </div>
      <ErrorNote error={create.error} />
    </form>
  );
}
