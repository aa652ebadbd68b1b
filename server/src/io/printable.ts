/**
 * Text quoted from a file, made safe to print: control characters (C0, DEL, C1) and the bidi
 * controls that reorder a line (the "Trojan Source" ones) written as escapes, so a message can
 * neither drive a terminal (ESC, BEL) nor fake report lines or annotations (CR, LF).
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControlCharacters(text: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  });
}
