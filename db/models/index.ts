export { AccessScope } from './access-scope.model';
export { Approval, type ApprovalAction } from './approval.model';
export { Attachment } from './attachment.model';
export { Email } from './email.model';
export { FormTemplate, FormTemplateField, type FieldType } from './form-template.model';
export { OutboxEvent } from './outbox-event.model';
export { PurchaseRequest, type FieldValue } from './purchase-request.model';
export { RefreshToken } from './refresh-token.model';
export { Role } from './role.model';
export { Team } from './team.model';
export { User } from './user.model';
export { WorkflowTemplate, WorkflowTemplateStep } from './workflow-template.model';
export { OrderNote, OrderStatusChange, PurchaseOrder, Shipment, type Address } from './purchase-order.model';
export {
  InboundEvent,
  IntegrationHealthCheck,
  IntegrationProvider,
  WebhookDelivery,
  WebhookEndpoint,
} from './webhook.model';
export { AuditLog } from './audit-log.model';
export { Product, ProductCategory } from './product.model';
export { Vendor, VendorProduct } from './vendor.model';
export { Warehouse } from './warehouse.model';
export {
  LowStockAlert,
  MOVEMENT_TYPES,
  StockLevel,
  StockMovement,
  StockTransfer,
  type AlertStatus,
  type MovementType,
} from './stock.model';
export { Sale, SaleLine } from './sale.model';
