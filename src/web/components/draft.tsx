/** Small parts of the letter-writing pages: the draft's status as a tag, the letter's language. */
import { Fieldset, Radio, Tag } from '@digdir/designsystemet-react';
import type { Draft } from '../../contract/draft';
import { LETTER_LANGUAGES, type LetterLanguage } from '../../contract/enums';
import { t } from '../locales/nb';

const colors: Record<Draft['status'], string> = {
  editing: 'neutral',
  approved: 'info',
  issued: 'success',
};

export function DraftStatusTag({ status }: { status: Draft['status'] }) {
  return (
    <Tag data-color={colors[status]} data-size="sm">
      {t(`draftStatus.${status}`)}
    </Tag>
  );
}

/**
 * Which written form the letter is in: Tildel prints its headings, labels and dates in it (the
 * officer writes the prose in it too).
 */
export function LetterLanguageChoice({
  value,
  onChange,
  readOnly = false,
}: {
  value: LetterLanguage;
  onChange: (next: LetterLanguage) => void;
  readOnly?: boolean;
}) {
  return (
    <Fieldset>
      <Fieldset.Legend>{t('draft.language')}</Fieldset.Legend>
      <Fieldset.Description>{t('draft.language.description')}</Fieldset.Description>
      {LETTER_LANGUAGES.map((code) => (
        <Radio
          key={code}
          name="letter-language"
          label={t(`draft.language.${code}`)}
          value={code}
          checked={value === code}
          readOnly={readOnly}
          onChange={() => onChange(code)}
        />
      ))}
    </Fieldset>
  );
}
