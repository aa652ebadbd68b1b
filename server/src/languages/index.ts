/**
 * Every language data file that ships with seedlint, imported statically so the bundle carries them.
 * Adding a language: its `<code>.json` beside this file (the shape of types.ts) and one line below.
 */
import type { LanguageData } from './types';
import bg from './bg.json';
import bs from './bs.json';
import ca from './ca.json';
import cs from './cs.json';
import da from './da.json';
import de from './de.json';
import el from './el.json';
import en from './en.json';
import es from './es.json';
import et from './et.json';
import fi from './fi.json';
import fr from './fr.json';
import hr from './hr.json';
import hu from './hu.json';
import id from './id.json';
import it from './it.json';
import lt from './lt.json';
import lv from './lv.json';
import nb from './nb.json';
import nl from './nl.json';
import pl from './pl.json';
import pt from './pt.json';
import ro from './ro.json';
import ru from './ru.json';
import sk from './sk.json';
import sl from './sl.json';
import sq from './sq.json';
import sr from './sr.json';
import sv from './sv.json';
import tr from './tr.json';
import uk from './uk.json';
import iso639 from './iso639.json';
import groups from './language-groups.json';
import names from './names.json';
import others from './other-languages.json';
import universalData from './universal.json';

export const bundledLanguages: LanguageData[] = [
  bg, bs, ca, cs, da, de, el, en, es, et, fi, fr, hr, hu, id, it, lt, lv, nb, nl, pl, pt, ro, ru, sk, sl, sq, sr, sv, tr, uk,
] as LanguageData[];

/** ISO 639-1 -> franc's ISO 639-3, for languages we can identify but hold no data for. */
export const francCodes: Record<string, string> = withoutComments(iso639);

/** Languages franc confuses with each other on sentence-length text (ISO 639-1 codes). */
export const languageGroups: readonly string[][] = groups.groups;

/** Languages that repeat a content word for grammar or emphasis (ISO 639-1 codes). */
export const reduplicatingLanguages: readonly string[] = groups.reduplicating;

/** English names of the languages seedlint can identify. */
export const languageNames: Record<string, string> = withoutComments(names);

/** Lists of languages without a data file of their own, by field and language. */
export const otherLanguages: { conjunctions: Record<string, string[]>; grammaticalRepeats: Record<string, string[]> } = others;

/** Language-independent figure knowledge: currency signs and percent words. */
export const universal = universalData as { currencyBefore: string[]; currencyAfter: string[]; percentAfter: string[]; percentBefore: string[] };

/** Bump when any data file changes: it is part of the CLI cache key. */
export const LANGUAGE_DATA_VERSION = 4;

function withoutComments(table: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(table).filter(([k]) => !k.startsWith('$')));
}
