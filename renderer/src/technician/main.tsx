/**
 * Entry of the technicians' app (technicien.html, served at /technicien/ by the public surface):
 * registers the service worker (offline), then shows the round in the phone's language.
 */
import './technician.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TechnicianApp } from './TechnicianApp';
import { phoneLocale, techTranslator } from './tech-i18n';

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/technicien/sw.js', { scope: '/technicien/' }).catch(() => {
    // Without a worker (private browsing, an old phone) the app still works while online.
  });
}

const locale = phoneLocale(navigator.languages);
document.documentElement.lang = locale === 'fr' ? 'fr-FR' : 'en-GB';
const container = document.getElementById('root');
if (!container) throw new Error('#root missing from technicien.html');
createRoot(container).render(
  <StrictMode>
    <TechnicianApp t={techTranslator(locale)} locale={locale} />
  </StrictMode>,
);
