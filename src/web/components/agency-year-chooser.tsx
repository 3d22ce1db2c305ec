/**
 * Choosing an agency and a year, as the address holds them (`virksomhet`, `aar`): the reports,
 * the ministry's views of them and the governance meetings. The year is checked before the
 * page is asked for (four digits); the agencies are those the page lists.
 */
import { useState, type FormEvent } from 'react';
import {
  Button,
  Field,
  Label,
  Select,
  SelectOption,
  Textfield,
} from '@digdir/designsystemet-react';
import type { Organisation } from '../../contract/api';
import { t } from '../locales/nb';
import { navigate } from '../router';

export function AgencyYearChooser({
  agencies,
  agencyId,
  year,
  allAgencies,
  show,
  path,
}: {
  agencies: Organisation[];
  agencyId: string;
  year: number;
  /** The label of a first choice meaning every agency; without it, one agency is chosen. */
  allAgencies?: string;
  /** The button's label (what the page shows). */
  show: string;
  /** The page's address for the choice (src/web/router.ts `paths`). */
  path: (choice: { agencyId: string; year: number }) => string;
}) {
  const [chosenYear, setChosenYear] = useState(String(year));
  const [invalid, setInvalid] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const y = Number(chosenYear.trim());
    if (!Number.isInteger(y) || y < 1900 || y > 2200) return setInvalid(true);
    setInvalid(false);
    navigate(path({ agencyId: String(data.get('virksomhet') ?? ''), year: y }));
  };
  return (
    <form onSubmit={onSubmit} aria-label={t('chooser.choose')}>
      <fieldset className="filters filters-two">
        <legend className="visually-hidden">{t('chooser.choose')}</legend>
        <Field>
          <Label>{t('chooser.agency')}</Label>
          <Select name="virksomhet" defaultValue={agencyId} key={`${agencyId}:${agencies.length}`}>
            {allAgencies !== undefined && <SelectOption value="">{allAgencies}</SelectOption>}
            {agencies.map((a) => (
              <SelectOption key={a.id} value={a.id}>
                {a.name}
              </SelectOption>
            ))}
          </Select>
        </Field>
        <Textfield
          label={t('chooser.year')}
          name="aar"
          inputMode="numeric"
          maxLength={4}
          value={chosenYear}
          error={invalid ? t('chooser.badYear') : undefined}
          onChange={(e) => setChosenYear(e.target.value)}
        />
        <div className="filters-actions">
          <Button type="submit">{show}</Button>
        </div>
      </fieldset>
    </form>
  );
}
