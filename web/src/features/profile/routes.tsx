import type { RouteObject } from 'react-router';
import { ProfilePage } from './ProfilePage';

export const profileRoutes: RouteObject[] = [{ path: 'profile', element: <ProfilePage /> }];
