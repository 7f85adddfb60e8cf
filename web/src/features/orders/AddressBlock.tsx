import type { OrderDetail } from './order-types';

type Address = OrderDetail['shipping_address'];

/** The lines of an address as the API stored it; unknown keys are ignored. */
export function addressLines(address: Address): string[] {
  if (!address) return [];
  const part = (key: string) => (typeof address[key] === 'string' ? (address[key] as string).trim() : '');
  const place = [part('zip_code'), part('city')].filter(Boolean).join(' ');
  return [part('name'), part('street'), [place, part('state')].filter(Boolean).join(', '), part('country')].filter(
    Boolean,
  );
}

export function AddressBlock({ title, address }: { title: string; address: Address }) {
  const lines = addressLines(address);
  return (
    <div>
      <h3>{title}</h3>
      {lines.length === 0 ? (
        <p className="muted">None given.</p>
      ) : (
        <address>
          {lines.map((line, index) => (
            <span key={index} className="address-line">
              {line}
            </span>
          ))}
        </address>
      )}
    </div>
  );
}
