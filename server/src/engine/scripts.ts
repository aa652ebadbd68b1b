/** The Unicode script of a letter, by code point range: cheap enough for every word. */
export type Script =
  | 'Latin' | 'Greek' | 'Cyrillic' | 'Armenian' | 'Hebrew' | 'Arabic' | 'Devanagari' | 'Bengali'
  | 'Thai' | 'Georgian' | 'Hangul' | 'Kana' | 'Han' | 'Other';

export function scriptOf(cp: number): Script {
  if (cp < 0x250) return 'Latin';
  if (cp >= 0x1e00 && cp <= 0x1eff) return 'Latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'Greek';
  if (cp >= 0x1f00 && cp <= 0x1fff) return 'Greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'Cyrillic';
  if (cp >= 0x530 && cp <= 0x58f) return 'Armenian';
  if (cp >= 0x590 && cp <= 0x5ff) return 'Hebrew';
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0x8a0 && cp <= 0x8ff)) return 'Arabic';
  if ((cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 'Arabic';
  if (cp >= 0xfb1d && cp <= 0xfb4f) return 'Hebrew';
  if (cp >= 0x900 && cp <= 0x97f) return 'Devanagari';
  if (cp >= 0x980 && cp <= 0x9ff) return 'Bengali';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'Thai';
  if (cp >= 0x10a0 && cp <= 0x10ff) return 'Georgian';
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f)) return 'Hangul';
  if (cp >= 0x3040 && cp <= 0x30ff) return 'Kana';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x2ffff)) return 'Han';
  if (cp >= 0x250 && cp <= 0x2af) return 'Latin';
  return 'Other';
}
