// A streaming walk over an HTML document's elements, driven by htmlparser2's tokenizer. It is for
// pages read in bulk (a 1,000-row transactions page): htmlparser2's Parser costs about three times
// its own tokenizer there, mostly in an attributes object and a chain of callbacks per tag, which
// a reader that looks at a few attributes of a few elements does not need.
import { Tokenizer } from 'htmlparser2';

/** What a walk reports, in document order. `depth` counts the open elements around one. */
export interface HtmlWalker {
  /** An element opened; `attributes` (lower-case names, first of a name wins) is reused after. */
  open(name: string, attributes: ReadonlyMap<string, string>, depth: number): void;
  /** An element closed: by its end tag, implied by a later tag, or at the end of the page. */
  close(name: string, depth: number): void;
  /** Whether {@link text} wants the text that follows (slicing text nobody reads costs). */
  wantsText(): boolean;
  text(text: string): void;
}

/** Elements that never hold anything (no end tag). */
const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

// Tags that close the open element on top of the stack when it is one of these, as browsers do
// for the table parts and paragraphs a page leaves unclosed.
const cells = new Set(['td', 'th']);
const rowParts = new Set(['tr', 'td', 'th']);
const sections = new Set(['thead', 'tbody', 'tfoot']);
const paragraph = new Set(['p']);
const closesOpen = new Map<string, ReadonlySet<string>>([
  ['td', cells],
  ['th', cells],
  ['tr', rowParts],
  ['thead', sections],
  ['tbody', sections],
  ['tfoot', sections],
  ...[
    'address',
    'article',
    'aside',
    'blockquote',
    'div',
    'dl',
    'fieldset',
    'footer',
    'form',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'p',
    'pre',
    'section',
    'table',
    'ul',
  ].map((name) => [name, paragraph] as const),
]);

/** Walks `html`'s elements, reporting each to `walker` (see {@link HtmlWalker}). */
export function walkHtml(html: string, walker: HtmlWalker): void {
  const stack: string[] = [];
  const attributes = new Map<string, string>();
  let tag = '';
  let attribute = '';
  let value = '';
  const closeTop = () => {
    const name = stack.pop() ?? '';
    walker.close(name, stack.length);
  };
  const openTag = () => {
    const closes = closesOpen.get(tag);
    if (closes !== undefined) {
      while (stack.length > 0 && closes.has(stack[stack.length - 1] ?? '')) closeTop();
    }
    const depth = stack.length;
    walker.open(tag, attributes, depth);
    if (voidElements.has(tag)) walker.close(tag, depth);
    else stack.push(tag);
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        attributes.clear();
      },
      onattribname(start, end) {
        attribute = html.slice(start, end).toLowerCase();
        value = '';
      },
      onattribdata(start, end) {
        value = value === '' ? html.slice(start, end) : value + html.slice(start, end);
      },
      onattribentity(codepoint) {
        value += String.fromCodePoint(codepoint);
      },
      onattribend() {
        if (!attributes.has(attribute)) attributes.set(attribute, value);
      },
      onopentagend: openTag,
      // HTML ignores the slash of `<br/>`: the element is open or void as its name says.
      onselfclosingtag: openTag,
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (voidElements.has(name)) return;
        const at = stack.lastIndexOf(name);
        if (at < 0) return;
        while (stack.length > at) closeTop();
      },
      ontext(start, end) {
        if (walker.wantsText()) walker.text(html.slice(start, end));
      },
      ontextentity(codepoint) {
        if (walker.wantsText()) walker.text(String.fromCodePoint(codepoint));
      },
      onend() {
        while (stack.length > 0) closeTop();
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
}
