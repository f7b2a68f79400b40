import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles/fonts.css';
import './styles/app.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { getLocale, i18n } from './i18n';
import { router } from './router';
import { configureHttp } from './services/http';
import { useSessionStore } from './stores/session';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router);

const session = useSessionStore(pinia);
configureHttp({
  getAccessToken: () => session.getAccessToken(),
  refreshSession: () => session.refreshSession(),
  getLocale,
  onUnauthenticated: () => {
    session.clear();
    const current = router.currentRoute.value;
    if (current.name !== 'login') {
      void router.push({ name: 'login', query: { redirect: current.fullPath } });
    }
  },
});

document.documentElement.lang = getLocale();
app.mount('#app');
