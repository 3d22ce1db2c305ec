/**
 * The header's language switch: bokmål, nynorsk or English, each named in its own language
 * (and marked with its own `lang`). Choosing one speaks it at once, remembers it on this
 * browser and, for a signed-in person, saves it as their setting (session.tsx). It sits in the
 * header's menu, so phones find it behind «Meny»; the header is not printed.
 */
import { Field, Label, Select, SelectOption } from '@digdir/designsystemet-react';
import { isLanguage, LANGUAGE_CODES, LANGUAGE_NAMES } from '../locales/language';
import { t } from '../locales/nb';
import { useLanguage, useSession } from '../session';

export function LanguageSwitch() {
  const current = useLanguage();
  const { chooseLanguage, languageNotSaved } = useSession();
  return (
    <div className="language-switch">
      <Field data-size="sm">
        <Label>{t('language.label')}</Label>
        <Select
          value={current}
          onChange={(e) => {
            if (isLanguage(e.target.value)) chooseLanguage(e.target.value);
          }}
        >
          {LANGUAGE_CODES.map((code) => (
            <SelectOption key={code} value={code} lang={code}>
              {LANGUAGE_NAMES[code]}
            </SelectOption>
          ))}
        </Select>
      </Field>
      {languageNotSaved && (
        <span role="alert" className="user-error">
          {t('language.notSaved')}
        </span>
      )}
    </div>
  );
}
