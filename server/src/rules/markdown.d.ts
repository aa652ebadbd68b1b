/** A rule's documentation, the Markdown file beside it, imported as its text. */
declare module '*.md' {
  const text: string;
  export default text;
}
