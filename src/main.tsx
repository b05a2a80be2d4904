// Entry point: mounts the app and, in production builds, registers the service worker that
// precaches the app, its workers and the WASM codecs so it runs offline after the first visit.
// Never from file:// (the single-file delivery, dist/veil.html): it is already all in one file.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

if (import.meta.env.PROD && import.meta.env.MODE !== 'single' && location.protocol !== 'file:' && 'serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((err: unknown) => console.warn('service worker not registered:', err));
  });
}
