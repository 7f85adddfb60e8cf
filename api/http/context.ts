import type { ParameterizedContext } from 'koa';
import type { Principal } from '../auth/principal';
import type { Logger } from '../../lib/logger';

/** What the middleware puts on every request's Koa state (a leaf: route, router and multipart import it). */
export interface AppState {
  requestId: string;
  log: Logger;
  principal?: Principal;
  /** Set once the call has been counted against a rate limit (it is counted exactly once). */
  rateCounted?: boolean;
}

export type AppContext = ParameterizedContext<AppState>;
