/**
 * The language subsystem: the registry of configured languages and their word lists, franc's
 * identification (our port of it), evidence about the language of a stretch of text, and the
 * language of a paragraph. Rules reach it through the document (doc.languages, doc.languageProfile).
 */
export { DEFAULT_LANGUAGES, LanguageRegistry, Lexicon, type FigureUnits, type LanguageExtensions } from './registry';
export { dominantScript, LanguageProfile, scoreLanguages, scriptFamilyOf, scriptsCompatible, type ScriptFamily, type ScriptProfile } from './evidence';
export { identifyParagraph } from './paragraph';
