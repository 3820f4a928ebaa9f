/**
 * Labels for the visitor's custom fields. The wire carries keys only (`firstName`, `context.email`, a site's own
 * `orderId`); the console shows what an agent reads: Genesys's reserved customer keys by name, anything else as
 * words from its key.
 */
const RESERVED: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  phoneNumber: 'Phone',
  subject: 'Subject',
  customerId: 'Customer id',
  addressStreet: 'Street',
  addressCity: 'City',
  addressPostalCode: 'Postal code',
  addressState: 'State',
};

/** The label of a custom field key: `firstName` -> "First name", `order_id` -> "Order id", `page` -> "Page". */
export function fieldLabel(key: string): string {
  if (RESERVED[key]) return RESERVED[key];
  const words = key
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}
