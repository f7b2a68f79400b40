import type { Session } from './api-types';
import { request } from './http';

export function login(email: string, password: string): Promise<Session> {
  return request<Session>('POST', '/api/auth/login', { body: { email, password }, auth: false });
}

/** Exchanges the HttpOnly refresh cookie for a new session; the cookie is rotated by the server. */
export function refresh(): Promise<Session> {
  return request<Session>('POST', '/api/auth/refresh', { body: {}, auth: false });
}

export function switchBody(bodyId: string): Promise<Session> {
  return request<Session>('POST', '/api/auth/switch-body', { body: { bodyId } });
}

export function logout(): Promise<void> {
  return request<void>('POST', '/api/auth/logout', { auth: false });
}
