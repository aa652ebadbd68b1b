/** The corpus pass: signatures per file, an index over them, corpus findings and duplicate clusters. Pure: no I/O. */
export { CorpusIndex, MAX_BUCKET } from './corpusIndex';
export type { CorpusFinding, CorpusFix, CorpusIndexOptions, CorpusStats, DuplicateCluster, RelatedFile } from './corpusIndex';
export { signatureOf, serializeSignature, deserializeSignature, SIGNATURE_VERSION, LINE_FIELDS, furnitureLine } from './signature';
export type { CorpusSignature, FurnitureLine, SerializedSignature, SignatureOptions, SignatureSource } from './signature';
export { readsAsProse, lineHash } from './lines';
export { corpusRules, nearDuplicate, repeatedLine, NEAR_DUPLICATE, REPEATED_LINE, resolveCorpusSettings } from './rules';
export type { CorpusRuleMeta, CorpusRuleModule, CorpusRuleSetting, CorpusSettings, NearDuplicateOptions, RepeatedLineOptions } from './rules';
