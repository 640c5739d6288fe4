import { describe, expect, it } from 'vitest';
import { excerpt, headSlide, titleBoundary } from '../../scripts/importer/headings.js';

describe('headings', () => {
  it('uses the first line when the transcript gives one', () => {
    expect(headSlide(['Lokalpolitisk forankring:', 'Kommuneplan Mangfoldspris'])).toEqual({
      heading: 'Lokalpolitisk forankring:',
      paragraphs: ['Kommuneplan Mangfoldspris'],
      how: 'line',
    });
  });

  it('splits a one-line slide after a question', () => {
    expect(headSlide(['Hvorfor kartlegging? Komme i dialog med kommunene Hvordan følges vedtaket opp?'])).toEqual({
      heading: 'Hvorfor kartlegging?',
      paragraphs: ['Komme i dialog med kommunene Hvordan følges vedtaket opp?'],
      how: 'split',
    });
  });

  it('splits where a capital follows a lower-case content word', () => {
    const h = headSlide(['Om svarene og analysen Hele 22 av 30 kommuner leverte inn svar innen fristen']);
    expect(h.heading).toBe('Om svarene og analysen');
    expect(h.paragraphs).toEqual(['Hele 22 av 30 kommuner leverte inn svar innen fristen']);
  });

  it('a capital after a function word is a name, not a boundary', () => {
    expect(titleBoundary('Samarbeid med Stavanger kommune om nye boliger for eldre')).toBe(-1);
  });

  it('keeps closing quotes with the question', () => {
    expect(headSlide(['”Er vi en del av verden?” Deltakelse i internasjonale prosjekter gir mulighet']).heading).toBe('”Er vi en del av verden?”');
  });

  it('title case (English) does not split when capital boundaries are off', () => {
    expect(headSlide(['Housing for all Project Manager Sara Berg'], false)).toMatchObject({ heading: 'Housing for all Project Manager Sara Berg', how: 'whole' });
  });

  it('a long slide without a title gets an excerpt heading and keeps all its text', () => {
    const poem = 'Drivande skyer i solglimt og grått, ein himmel i stadig forandring, øve et mangfold av stor og smått, ein spennande, evig forandring.';
    const h = headSlide([poem]);
    expect(h.how).toBe('excerpt');
    expect(h.heading).toBe('Drivande skyer i solglimt og grått …');
    expect(h.paragraphs).toEqual([poem]);
  });

  it('an empty slide has an empty heading', () => {
    expect(headSlide([])).toEqual({ heading: '', paragraphs: [], how: 'empty' });
  });

  it('excerpt cuts at a word', () => {
    expect(excerpt('Ordføreren inviterte 1 representant fra hver nasjonalitet til samling på Ledaal')).toBe(
      'Ordføreren inviterte 1 representant fra hver nasjonalitet …',
    );
  });
});
