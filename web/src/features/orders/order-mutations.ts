import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../../api/idempotency';
import { orderKeys } from './order-queries';
import type { OrderDetail, OrderStatus, ShipmentBody } from './order-types';

/** The API answers status changes and notes with the whole order: shown at once, then read again. */
function useOrderMutation<Input, Answer>(orderId: string, send: (input: Input) => Promise<Answer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (answer) => {
      if (isOrder(answer)) queryClient.setQueryData(orderKeys.detail(orderId), answer);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

function isOrder(answer: unknown): answer is OrderDetail {
  return typeof answer === 'object' && answer !== null && 'allowed_transitions' in answer;
}

export function useChangeStatus(orderId: string) {
  return useOrderMutation(orderId, async ({ status, note }: { status: OrderStatus; note: string }) =>
    unwrap(
      await api.PATCH('/api/orders/{id}/status/', {
        params: { path: { id: orderId }, header: { 'Idempotency-Key': idempotencyKey() } },
        body: note.trim() ? { status, note: note.trim() } : { status },
      }),
    ),
  );
}

export function useAddNote(orderId: string) {
  return useOrderMutation(orderId, async (note: string) =>
    unwrap(await api.POST('/api/orders/{id}/notes/', { params: { path: { id: orderId } }, body: { note } })),
  );
}

export function useCreateShipment(orderId: string) {
  return useOrderMutation(orderId, async (body: Omit<ShipmentBody, 'order_id'>) =>
    unwrap(
      await api.POST('/api/shipping/', {
        params: { header: { 'Idempotency-Key': idempotencyKey() } },
        body: { ...body, order_id: orderId },
      }),
    ),
  );
}
