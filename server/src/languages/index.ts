/** Every language data file that ships with seedlint. Imported statically so the bundle carries them. */
import type { LanguageData } from './types';
import bs from './bs.json';
import cs from './cs.json';
import da from './da.json';
import de from './de.json';
import el from './el.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';
import hr from './hr.json';
import id from './id.json';
import it from './it.json';
import nb from './nb.json';
import nl from './nl.json';
import pl from './pl.json';
import pt from './pt.json';
import ro from './ro.json';
import ru from './ru.json';
import sq from './sq.json';
import sr from './sr.json';
import sv from './sv.json';
import tr from './tr.json';
import uk from './uk.json';
import iso639 from './iso639.json';
import universalData from './universal.json';
import groups from './language-groups.json';

export const bundledLanguages: LanguageData[] = [
  bs, cs, da, de, el, en, es, fr, hr, id, it, nb, nl, pl, pt, ro, ru, sq, sr, sv, tr, uk,
] as LanguageData[];

/** ISO 639-1 -> franc's ISO 639-3, for languages we can identify but hold no data for. */
export const francCodes: Record<string, string> = Object.fromEntries(
  Object.entries(iso639).filter(([k]) => !k.startsWith('$')),
) as Record<string, string>;

/** Language-independent figure knowledge: currency signs and percent words. */
export const universal = universalData as { currencyBefore: string[]; currencyAfter: string[]; percentAfter: string[]; percentBefore: string[] };

/** Languages franc confuses with each other on sentence-length text (ISO 639-1 codes). */
export const languageGroups: readonly string[][] = groups.groups;

/** Bump when any data file changes: it is part of the CLI cache key. */
export const LANGUAGE_DATA_VERSION = 2;
