import { describe, expect, it } from 'vitest';
import {
  readReportedValue,
  readSteeringTarget,
  readUnit,
  steeringParameterKey,
  targetOutcome,
} from './steering-target';

const target = (text: string) => {
  const t = readSteeringTarget(text);
  return t && [t.comparator, t.value, t.unit, t.year];
};

describe('readSteeringTarget', () => {
  it.each([
    [
      'Andelen tilsyn med skriftlig rapport skal være minst 80 prosent',
      ['at-least', 80, 'percent', null],
    ],
    ['Minimum 95 % av henvendelsene besvares innen fristen', ['at-least', 95, 'percent', null]],
    ['Svartid på klager: under 5 dager', ['below', 5, 'days', null]],
    ['Behandlingstid for søknader høyst 3 uker', ['at-most', 3, 'weeks', null]],
    [
      'Antall registrerte brukere av tjenesten økes til 1 200 innen 2027',
      ['increase-to', 1200, 'count', 2027],
    ],
    ['Ventetiden reduseres til 4,5 måneder i 2028', ['reduce-to', 4.5, 'months', 2028]],
    [
      'Kostnad per kontroll skal ikke overstige 2,5 mill. kroner',
      ['at-most', 2_500_000, 'nok', null],
    ],
    ['Merinntekter på over 12 mill. kr fra oppdrag', ['above', 12_000_000, 'nok', null]],
    ['Oppetid for kartløsningen: 99,5 prosent eller mer', ['at-least', 99.5, 'percent', null]],
    ['Feilrate i publiserte datasett 2 prosent eller lavere', ['at-most', 2, 'percent', null]],
    ['Oppfølgingsgrad ≥ 90 %', ['at-least', 90, 'percent', null]],
    ['Tid fra mottak til vedtak < 14 virkedager', ['below', 14, 'days', null]],
    [
      'Andelen digitale søknader skal økes med 10 prosentpoeng til minst 70 prosent',
      ['at-least', 70, 'percent', null],
    ],
    ['Tilskudd utbetalt: nøyaktig 100 prosent av tildelt ramme', ['exactly', 100, 'percent', null]],
    ['Antall kommuner som bruker verktøyet, flere enn 150 (2027)', ['above', 150, 'count', 2027]],
    ['Gjennomsnittlig saksbehandlingstid ikke lengre enn 30 dager', ['at-most', 30, 'days', null]],
    [
      'Tilgjengelige datasett: 1.500 eller flere innen utgangen av 2029',
      ['at-least', 1500, null, 2029],
    ],
    ['Reiseutgifter maks. 400 tusen kroner', ['at-most', 400_000, 'nok', null]],
    ['Svartid på e-post skal ligge på 24 timer', ['exactly', 24, 'hours', null]],
    ['Andel ansatte med fullført kurs over 75 pst.', ['above', 75, 'percent', null]],
  ])('%s', (text, expected) => {
    expect(target(text)).toEqual(expected);
  });

  it.each([
    'Andel datasett publisert med åpen lisens',
    'Tid fra innsamling til publisering',
    'Antall kommuner som bruker direktoratets kartverktøy',
    'Brukertilfredshet i 2026',
    'Utgiftene reduseres med 10 prosent',
    'Mellom 80 og 90 prosent av sakene',
    '',
  ])('sets no target: %s', (text) => {
    expect(readSteeringTarget(text)).toBeNull();
  });

  it('reads the figure exactly and keeps the scale the text wrote it in', () => {
    expect(readSteeringTarget('Kostnaden skal være under 1,3 mill. kroner')).toMatchObject({
      comparator: 'below',
      value: 1_300_000,
      unit: 'nok',
      scale: 1_000_000,
      phrase: 'under 1,3 mill. kroner',
    });
    expect(readSteeringTarget('Over 0,29 mrd. kroner i samlede inntekter')?.value).toBe(
      290_000_000,
    );
    // Fractions of a krone are no money target.
    expect(readSteeringTarget('Gebyr på høyst 12,345 kroner')).toBeNull();
    // No-break and thin spaces between groups of three, as word processors write them.
    expect(readSteeringTarget('Minst 12\u00a0500 besøk\u202fi 2026')).toMatchObject({
      value: 12_500,
      year: 2026,
    });
  });

  it('takes the first target of the text and names no year its own figure holds', () => {
    expect(target('Antall brukere økes til 2 000, deretter minst 2 500')).toEqual([
      'increase-to',
      2000,
      'count',
      null,
    ]);
    expect(target('Minst 2030 deltakere på kurs')).toEqual(['at-least', 2030, null, null]);
  });
});

describe('readReportedValue', () => {
  it('reads numbers, Norwegian figures in text and the unit beside them', () => {
    expect(readReportedValue(82, 'prosent')).toEqual({ value: 82, unit: 'percent', scaled: true });
    expect(readReportedValue('82 %', '')).toEqual({ value: 82, unit: 'percent', scaled: true });
    expect(readReportedValue('1 150', '')).toEqual({ value: 1150, unit: null, scaled: false });
    expect(readReportedValue('ca. 4,5', 'dager')).toEqual({
      value: 4.5,
      unit: 'days',
      scaled: true,
    });
    expect(readReportedValue(1.8, 'mill. kroner')).toEqual({
      value: 1_800_000,
      unit: 'nok',
      scaled: true,
    });
    expect(readReportedValue('-3', '')?.value).toBe(-3);
    expect(readReportedValue('god', '')).toBeNull();
    expect(readReportedValue(null, 'prosent')).toBeNull();
    expect(readUnit('Dager')).toEqual({ unit: 'days', scale: 1 });
    expect(readUnit('poeng')).toBeNull();
  });
});

describe('targetOutcome', () => {
  const at = (text: string) => readSteeringTarget(text)!;
  it('judges by the comparator', () => {
    const floor = at('minst 80 prosent');
    expect(targetOutcome(floor, readReportedValue(80, '%'), 2026)).toBe('met');
    expect(targetOutcome(floor, readReportedValue(79.9, ''), 2026)).toBe('not-met');
    const below = at('under 5 dager');
    expect(targetOutcome(below, readReportedValue(5, 'dager'), 2026)).toBe('not-met');
    expect(targetOutcome(below, readReportedValue('4,5', 'dager'), 2026)).toBe('met');
    expect(targetOutcome(at('reduseres til 4 uker'), readReportedValue(4, ''), 2026)).toBe('met');
    expect(targetOutcome(at('nøyaktig 100 %'), readReportedValue(99, ''), 2026)).toBe('not-met');
  });

  it('reads a value without unit in the scale the target is written in', () => {
    const money = at('høyst 2,5 mill. kroner');
    expect(targetOutcome(money, readReportedValue(2.4, ''), 2026)).toBe('met');
    expect(targetOutcome(money, readReportedValue(2.6, ''), 2026)).toBe('not-met');
    expect(targetOutcome(money, readReportedValue(2_400_000, 'kroner'), 2026)).toBe('met');
  });

  it('knows nothing without a target, a figure or the same unit', () => {
    expect(targetOutcome(null, readReportedValue(5, ''), 2026)).toBe('unknown');
    expect(targetOutcome(at('minst 80 prosent'), null, 2026)).toBe('unknown');
    expect(targetOutcome(at('under 5 dager'), readReportedValue(1, 'uker'), 2026)).toBe('unknown');
  });

  it('is not yet met before the year the target names', () => {
    const later = at('Antall brukere økes til 1 200 innen 2027');
    expect(targetOutcome(later, readReportedValue(900, ''), 2026)).toBe('not-yet');
    expect(targetOutcome(later, readReportedValue(900, ''), 2027)).toBe('not-met');
    expect(targetOutcome(later, readReportedValue(1300, ''), 2026)).toBe('met');
  });
});

describe('steeringParameterKey', () => {
  it('is the same for a parameter whose target and year change between letters', () => {
    const keys = [
      'Saksbehandlingstiden reduseres til 4 dager',
      'Saksbehandlingstiden skal være under 5 dager (2027)',
      'saksbehandlingstiden.',
      'Saksbehandlingstiden  i 2028 skal være høyst 3 dager',
    ].map(steeringParameterKey);
    expect(new Set(keys)).toEqual(new Set(['saksbehandlingstiden']));
  });

  it('keeps parameters apart whose names differ', () => {
    expect(steeringParameterKey('Andel datasett publisert med åpen lisens')).toBe(
      'andel datasett publisert med åpen lisens',
    );
    expect(steeringParameterKey('Andel datasett publisert med åpen lisens: minst 80 %')).toBe(
      'andel datasett publisert med åpen lisens',
    );
    expect(steeringParameterKey('Andel datasett med metadata: minst 80 %')).not.toBe(
      steeringParameterKey('Andel datasett publisert med åpen lisens: minst 80 %'),
    );
  });
});
