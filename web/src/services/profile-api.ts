/** The user's own profile fields (docs/api.md "Auth": /api/me/profile). */
import { request } from './http';

export interface UserProfile {
  id: string;
  email: string;
  fullName: string;
  taxCode: string | null;
}

export const getProfile = () => request<UserProfile>('GET', '/api/me/profile');
export const saveTaxCode = (taxCode: string | null) => request<UserProfile>('PUT', '/api/me/profile', { body: { taxCode } });
