// Senders in the seeds deliver with POST, and seed 000 lets a family pick PUT or PATCH.
const deliveryMethods = new Set(['POST', 'PUT', 'PATCH']);

export function isDeliveryMethod(method: string): boolean {
  return deliveryMethods.has(method.toUpperCase());
}
