/**
 * The shape of one language's data file (`<iso-639-1>.json` beside this file).
 * Language knowledge lives in these files, never in rule code. Every word list is
 * matched case-insensitively on whole words (Unicode letters), after NFC normalisation;
 * an entry with spaces is a phrase matched word by word.
 */
export interface LanguageData {
  /** ISO 639-1 code, also the file name: "da". */
  code: string;
  /** ISO 639-3 code as `franc` reports it: "dan". */
  franc: string;
  /** English name: "Danish". */
  name: string;
  /** Main script, a Unicode script name as in \p{Script=...}: "Latin", "Cyrillic", "Greek". */
  script: string;
  /** Languages this one is easily confused with by franc (639-1 codes): da -> ["nb","nn","sv"]. */
  closeRelatives: string[];
  /** 60-150 of the most frequent function words (articles, prepositions, conjunctions, pronouns, auxiliaries), lowercase. */
  stopWords: string[];
  /** Coordinating conjunctions ("and", "or", "as well as"), lowercase: a hyphenated word after one shares its first part with the word before it, a suspended compound ("Schulgebäude und -gelände"), which garbled/detached-hyphen leaves alone. */
  conjunctions: string[];
  /** Abbreviations that end in a period but do not end a sentence, lowercase, without the final period: "f.eks", "bl.a", "nr", "dr". */
  abbreviations: string[];
  /** Month names and their common abbreviations, lowercase, to their number 1-12: {"januar": 1, "jan": 1}. Include inflected forms (sq "tetorit", pl "października"). */
  months: Record<string, number>;
  /** Words that, next to a number, make it a year or date rather than a quantity: sq "vitit", da "år", en "year". */
  yearWords: string[];
  /** Keyword variants that may start a date header besides "date": da "dato", pt "data", de "Datum". */
  dateKeywords: string[];
  attribution: {
    /** Reporting or estimating verb forms that name a source when they occur in the sentence: da "sagde", "siger", "oplyste", "bekræftede", "vurderer", "anslår". Include past, present and perfect participle forms. */
    verbs: string[];
    /** Prepositional source phrases: da "ifølge", "i henhold til"; pt "de acordo com", "segundo". */
    prepositions: string[];
    /** Passive or vague sources: da "siges det", "det siges", "angiveligt"; en "it is said", "reportedly". Phrases are matched word by word. */
    vague: string[];
  };
  numberWords: {
    /** Words for large quantities to their multiplier: da {"tusind": 1e3, "tusinder": 1e3, "million": 1e6, "millioner": 1e6, "mia": 1e9}. Plural "thousands" forms count as figures alone. */
    large: Record<string, number>;
    /** Spelled small numbers 1-99 (and "hundred" words) to their value: da {"en": 1, "to": 2, "otte": 8, "hundrede": 100}. */
    small: Record<string, number>;
  };
  /** Words before a number that make it a reference, not a quantity: "article", "section", "page", "no", "version", "chapter", "paragraph", "room", "tel". */
  referenceWords: string[];
  /** Words next to a number that make it a time of day, the words for "hour" among them: da "kl", "klokken", de "uhr". */
  timeWords: string[];
  /** Lowercase words that commonly start a hyphenated compound ("quinta-feira", "ex-ministre"): garbled/detached-hyphen joins such a part to its hyphen as a safe fix. */
  hyphenPrefixes: string[];
  /** Words whose doubling is correct ("die die" in a German relative clause, "had had", "nous nous"): garbled/stutter does not report them, nor a repeated phrase that opens with one. */
  grammaticalRepeats: string[];
  /** Whole lines of page furniture. `{n}` stands for a number. Matched case-insensitively on the trimmed line: "Kommentarer ({n})", "Del på Facebook", "Læs også". */
  boilerplate: string[];
  /** Openings that make a short line page furniture: consent banners ("We use cookies"), credit labels ("Photo credit:"). Matched case-insensitively at the start of the trimmed line. */
  furnitureStarts: string[];
  /** Labels that introduce a photo credit or caption: "Foto", "Bild", "Photo credit". */
  captionLabels: string[];
  /** Labels that introduce an author line: "Von", "By", "Por", "Posted by". */
  bylineLabels: string[];
  /** Headers of related-article boxes: "Lesen Sie auch", "Related articles", "Lee también". */
  relatedHeaders: string[];
}
