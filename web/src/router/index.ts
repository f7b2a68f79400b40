import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { i18n } from '@/i18n';
import { useSessionStore } from '@/stores/session';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (WCAG 2.4.2). */
    titleKey: string;
    /** Reachable without a session (the login page). */
    public?: boolean;
    /** Permission the page needs, e.g. cases.file; with a list, any of them. */
    permission?: string | string[];
    /** For platform operators only (session user.isOperator). */
    operator?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: { name: 'cases' }, meta: { titleKey: 'titles.cases' } },
    {
      path: '/firma/:token',
      name: 'signer',
      component: () => import('@/views/SignerView.vue'),
      props: true,
      meta: { titleKey: 'signer.pageTitle', public: true },
    },
    {
      path: '/accesso',
      name: 'login',
      component: () => import('@/views/LoginView.vue'),
      meta: { titleKey: 'titles.login', public: true },
    },
    {
      path: '/casi',
      name: 'cases',
      component: () => import('@/views/CaseListView.vue'),
      meta: { titleKey: 'titles.cases', permission: ['cases.read', 'cases.read_own'] },
    },
    {
      path: '/casi/nuova',
      name: 'case-new',
      component: () => import('@/views/CaseNewView.vue'),
      meta: { titleKey: 'titles.newCase', permission: 'cases.file' },
    },
    {
      path: '/casi/:id',
      name: 'case-detail',
      component: () => import('@/views/CaseDetailView.vue'),
      props: true,
      meta: { titleKey: 'titles.caseDetail', permission: ['cases.read', 'cases.read_own'] },
    },
    {
      path: '/occ/:caseId/economia',
      name: 'occ-economics',
      component: () => import('@/views/OccEconomicsView.vue'),
      props: true,
      meta: { titleKey: 'occEconomics.pageTitle', permission: ['cases.read', 'cases.read_own'] },
    },
    {
      path: '/agenda',
      name: 'agenda',
      component: () => import('@/views/AgendaView.vue'),
      meta: { titleKey: 'titles.agenda', permission: ['cases.read', 'cases.read_own'] },
    },
    {
      path: '/adesione',
      name: 'adhesion',
      component: () => import('@/views/AdhesionView.vue'),
      meta: { titleKey: 'titles.adhesion', public: true },
    },
    {
      path: '/anagrafica',
      name: 'registry',
      component: () => import('@/views/RegistryView.vue'),
      meta: { titleKey: 'titles.registry', permission: 'registry.read' },
    },
    {
      path: '/comunicazioni',
      name: 'communications',
      component: () => import('@/views/CommunicationsView.vue'),
      meta: { titleKey: 'titles.communications', permission: 'cases.read' },
    },
    {
      path: '/posta-locale',
      name: 'local-mail',
      component: () => import('@/views/LocalMailView.vue'),
      meta: { titleKey: 'titles.localMail', operator: true },
    },
    {
      path: '/amministrazione/livelli-di-accesso',
      name: 'access-levels',
      component: () => import('@/views/AccessLevelsView.vue'),
      meta: { titleKey: 'titles.accessLevels', permission: 'roles.manage' },
    },
    // Protocol register (issue #6).
    { path: '/protocollo', name: 'protocol', component: () => import('@/views/protocol/ProtocolRegisterView.vue'), meta: { titleKey: 'protocol.titles.register', permission: 'protocol.read' } },
    { path: '/protocollo/nuova', name: 'protocol-new', component: () => import('@/views/protocol/ProtocolEntryNewView.vue'), meta: { titleKey: 'protocol.titles.newEntry', permission: 'protocol.register' } },
    {
      path: '/protocollo/registrazioni/:id',
      name: 'protocol-entry',
      component: () => import('@/views/protocol/ProtocolEntryView.vue'),
      props: true,
      meta: { titleKey: 'protocol.titles.entry', permission: 'protocol.read' },
    },
    { path: '/protocollo/chiusure', name: 'protocol-closures', component: () => import('@/views/protocol/ProtocolClosuresView.vue'), meta: { titleKey: 'protocol.titles.closures', permission: 'protocol.read' } },
    { path: '/protocollo/posta', name: 'protocol-mail', component: () => import('@/views/protocol/ProtocolMailView.vue'), meta: { titleKey: 'protocol.titles.mail', permission: 'protocol.register' } },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('@/views/NotFoundView.vue'),
      meta: { titleKey: 'titles.notFound', public: true },
    },
  ],
});

function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

router.beforeEach(async (to) => {
  const session = useSessionStore();
  await session.restore();
  if (to.name === 'login' && session.isAuthenticated) {
    return safeRedirect(to.query.redirect) ?? { name: 'cases' };
  }
  if (to.meta.public) return true;
  if (!session.isAuthenticated) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  // Protocol staff, who see no cases, land on the protocol register.
  if (to.name === 'cases' && !session.can('cases.read') && !session.can('cases.read_own') && session.can('protocol.read')) {
    return { name: 'protocol' };
  }
  // Without the permission, pages other than the list lead back to it; the list itself shows the API's answer.
  const needed = to.meta.permission === undefined ? [] : [to.meta.permission].flat();
  if (needed.length > 0 && !needed.some((p) => session.can(p)) && to.name !== 'cases') {
    return { name: 'cases' };
  }
  if (to.meta.operator && !session.user?.isOperator) {
    return { name: 'cases' };
  }
  return true;
});

export function setDocumentTitle(route: RouteLocationNormalized): void {
  const { t } = i18n.global;
  document.title = `${t(route.meta.titleKey)} – ${t('app.name')}`;
}

router.afterEach((to) => setDocumentTitle(to));
