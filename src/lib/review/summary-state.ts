/** The lifecycle state of an order summary (what `availableEvents` reads). */
import type { OrderState } from '../domain/lifecycle/order-state.ts';
import type { OrderSummary } from '../domain/workspace/facts-layout.ts';

export const stateOfSummary = (summary: OrderSummary): OrderState => ({ status: summary.status, isCancellation: summary.isCancellation, smsWrongAttempts: summary.smsWrongAttempts });
