import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-css/theme';
import './styles.css';
import { App } from './app';
import { onLanguageChange, setLanguage, startingLanguage } from './locales/language';
import { t } from './locales/nb';

// Before the first render: the language chosen on this browser before, or the browser's own.
setLanguage(startingLanguage());

// index.html's description is bokmål until the client speaks.
const describe = () =>
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('app.description'));
describe();
onLanguageChange(describe);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
