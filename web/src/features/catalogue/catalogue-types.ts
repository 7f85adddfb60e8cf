import type { components } from '../../api/schema';

export type Product = components['schemas']['Product'];
