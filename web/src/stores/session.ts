import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Session, SessionBody, SessionUser } from '@/services/api-types';
import * as authApi from '@/services/auth-api';

export const useSessionStore = defineStore('session', () => {
  // The access token lives in this closure only: never in reactive state, storage or cookies.
  let accessToken: string | null = null;
  let refreshing: Promise<boolean> | null = null;
  let restoring: Promise<void> | null = null;

  const user = ref<SessionUser | null>(null);
  const bodies = ref<SessionBody[]>([]);
  const activeBodyId = ref<string | null>(null);
  const permissions = ref<string[]>([]);

  const isAuthenticated = computed(() => user.value !== null);
  const activeBody = computed(() => bodies.value.find((b) => b.id === activeBodyId.value) ?? null);

  function can(permission: string): boolean {
    return permissions.value.includes(permission);
  }

  function getAccessToken(): string | null {
    return accessToken;
  }

  function apply(session: Session): void {
    accessToken = session.accessToken;
    user.value = session.user;
    bodies.value = session.bodies;
    activeBodyId.value = session.activeBodyId;
    permissions.value = session.permissions;
  }

  function clear(): void {
    accessToken = null;
    user.value = null;
    bodies.value = [];
    activeBodyId.value = null;
    permissions.value = [];
  }

  /**
   * One refresh at a time: the refresh token rotates, and presenting a used one revokes the whole
   * session. No body is asked for: the cookie remembers the body of the last login or switch.
   */
  function refreshSession(): Promise<boolean> {
    refreshing ??= authApi
      .refresh()
      .then(
        (session) => {
          apply(session);
          return true;
        },
        () => {
          clear();
          return false;
        },
      )
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  /** On page load: resume the session from the refresh cookie, once. */
  function restore(): Promise<void> {
    restoring ??= refreshSession().then(() => undefined);
    return restoring;
  }

  async function login(email: string, password: string): Promise<void> {
    apply(await authApi.login(email, password));
    restoring = Promise.resolve();
  }

  async function switchBody(bodyId: string): Promise<void> {
    apply(await authApi.switchBody(bodyId));
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      clear();
    }
  }

  return {
    user,
    bodies,
    activeBodyId,
    permissions,
    isAuthenticated,
    activeBody,
    can,
    getAccessToken,
    refreshSession,
    restore,
    login,
    switchBody,
    logout,
    clear,
  };
});
