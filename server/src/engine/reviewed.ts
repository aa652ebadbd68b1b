/** The review sidecar, `.seedlint-reviewed.json`: findings a person has checked and accepted. Data only. */

export const REVIEWED_FILE_NAME = '.seedlint-reviewed.json';
export const MAX_REVIEWED_BYTES = 8 * 1024 * 1024;

export interface ReviewedEntry {
  /** `ruleId:hash` of the sentence the finding is in (see Finding.fingerprint). */
  fingerprint: string;
  ruleId: string;
  /** The file it was first seen in, relative to the sidecar; informative only. */
  file?: string;
  /** The finding's text, for people reading the sidecar. */
  excerpt?: string;
  /** ISO date of the review. */
  reviewedAt?: string;
}

export interface ReviewedFile {
  version: 1;
  reviewed: ReviewedEntry[];
}

export function emptyReviewed(): ReviewedFile {
  return { version: 1, reviewed: [] };
}

/** Parses the sidecar; throws an Error naming what is wrong. */
export function parseReviewed(text: string): ReviewedFile {
  if (text.length > MAX_REVIEWED_BYTES) throw new Error(`${REVIEWED_FILE_NAME}: larger than ${MAX_REVIEWED_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${REVIEWED_FILE_NAME}: not valid JSON: ${(e as Error).message}`);
  }
  const v = value as ReviewedFile;
  if (typeof v !== 'object' || v === null || v.version !== 1 || !Array.isArray(v.reviewed)) {
    throw new Error(`${REVIEWED_FILE_NAME}: expected {"version": 1, "reviewed": [...]}`);
  }
  v.reviewed.forEach((e, i) => {
    if (typeof e !== 'object' || e === null || typeof e.fingerprint !== 'string' || typeof e.ruleId !== 'string') {
      throw new Error(`${REVIEWED_FILE_NAME}: /reviewed/${i}: needs string "fingerprint" and "ruleId"`);
    }
  });
  return v;
}

export function reviewedSet(file: ReviewedFile): Set<string> {
  return new Set(file.reviewed.map((e) => e.fingerprint));
}

/** Adds an entry (once) and returns the sidecar's new text, stable and readable in diffs. */
export function addReviewed(file: ReviewedFile, entry: ReviewedEntry): string {
  if (!file.reviewed.some((e) => e.fingerprint === entry.fingerprint)) file.reviewed.push(entry);
  file.reviewed.sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  return JSON.stringify(file, null, 2) + '\n';
}
