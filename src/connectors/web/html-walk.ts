// A streaming walk over an HTML document's elements, driven by htmlparser2's tokenizer. It is for
// pages read in bulk (a 1,000-row transactions page): htmlparser2's Parser costs about three times
// its own tokenizer there, mostly in an attributes object and a chain of callbacks per tag, which
// a reader that looks at a few attributes of a few elements does not need.
import { Tokenizer } from 'htmlparser2';

/** What a walk reports, in document order. `depth` counts the open elements around one. */
export interface HtmlWalker {
  /** An element opened; `attributes` holds its attributes only until this returns. */
  open(name: string, attributes: Attributes, depth: number): void;
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

/** Tag names the walker knows without slicing them out of the page, by length. */
const knownTags: readonly (readonly string[])[] = (() => {
  const names = ['a', 'p', 'tr', 'td', 'th', 'li', 'nav', 'div', 'span', 'form', 'input', 'table'];
  names.push('tbody', 'thead', 'tfoot', 'main', 'button', 'section', 'label', 'strong', 'h1', 'h2');
  const byLength: string[][] = [];
  for (const name of names) (byLength[name.length] ??= []).push(name);
  return byLength;
})();

/** Whether `html[start, end)` is `name`, ASCII letters compared without case. */
function sameName(html: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i += 1) {
    const code = html.charCodeAt(start + i);
    // An upper-case ASCII letter compares as its lower case; `name` is lower case already.
    if ((code >= 65 && code <= 90 ? code | 0x20 : code) !== name.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The attributes of the tag being read, as positions in the page: a value is cut out of the page
 * only when asked for, and names are compared in place (lower-case names; first of a name wins).
 */
export class Attributes {
  #html = '';
  #count = 0;
  readonly #nameStart: number[] = [];
  readonly #nameEnd: number[] = [];
  readonly #valueStart: number[] = [];
  readonly #valueEnd: number[] = [];
  /** The value with its entities decoded, for the few values that have any. */
  readonly #decoded: (string | null)[] = [];

  get(name: string): string | undefined {
    const i = this.#find(name);
    if (i < 0) return undefined;
    return this.#decoded[i] ?? this.#html.slice(this.#valueStart[i], this.#valueEnd[i]);
  }

  /**
   * The one of `candidates` that the attribute's whole value is, compared in place (no string cut
   * out of the page); undefined when it is none of them or absent.
   */
  oneOf<T extends string>(name: string, candidates: readonly T[]): T | undefined {
    const i = this.#find(name);
    if (i < 0) return undefined;
    const decoded = this.#decoded[i];
    const start = this.#valueStart[i] ?? 0;
    const length = (this.#valueEnd[i] ?? 0) - start;
    for (const candidate of candidates) {
      if (decoded !== null && decoded !== undefined) {
        if (candidate === decoded) return candidate;
      } else if (candidate.length === length && this.#html.startsWith(candidate, start)) {
        return candidate;
      }
    }
    return undefined;
  }

  /** The index of the attribute named `name`, or -1. */
  #find(name: string): number {
    for (let i = 0; i < this.#count; i += 1) {
      if (sameName(this.#html, this.#nameStart[i] ?? 0, this.#nameEnd[i] ?? 0, name)) return i;
    }
    return -1;
  }

  /** @internal The walker's side. */
  reset(html: string): void {
    this.#html = html;
    this.#count = 0;
  }

  /** @internal */
  name(start: number, end: number): void {
    const i = this.#count;
    this.#nameStart[i] = start;
    this.#nameEnd[i] = end;
    this.#valueStart[i] = end;
    this.#valueEnd[i] = end;
    this.#decoded[i] = null;
  }

  /** @internal A run of the value's text. */
  data(start: number, end: number): void {
    const i = this.#count;
    const decoded = this.#decoded[i];
    if (decoded !== null && decoded !== undefined) {
      this.#decoded[i] = decoded + this.#html.slice(start, end);
    } else if ((this.#valueEnd[i] ?? 0) === (this.#nameEnd[i] ?? 0)) {
      this.#valueStart[i] = start;
      this.#valueEnd[i] = end;
    } else {
      // A second run (after an entity was decoded into the first): keep the text so far.
      this.#decoded[i] =
        this.#html.slice(this.#valueStart[i], this.#valueEnd[i]) + this.#html.slice(start, end);
    }
  }

  /** @internal An entity of the value, decoded. */
  entity(codepoint: number): void {
    const i = this.#count;
    const before = this.#decoded[i] ?? this.#html.slice(this.#valueStart[i], this.#valueEnd[i]);
    this.#decoded[i] = before + String.fromCodePoint(codepoint);
  }

  /** @internal The attribute is complete; a repeated name is dropped. */
  end(): void {
    const i = this.#count;
    const start = this.#nameStart[i] ?? 0;
    const end = this.#nameEnd[i] ?? 0;
    for (let j = 0; j < i; j += 1) {
      const other = this.#html.slice(this.#nameStart[j], this.#nameEnd[j]).toLowerCase();
      if (sameName(this.#html, start, end, other)) return;
    }
    this.#count += 1;
  }
}

/** Walks `html`'s elements, reporting each to `walker` (see {@link HtmlWalker}). */
export function walkHtml(html: string, walker: HtmlWalker): void {
  const stack: string[] = [];
  const attributes = new Attributes();
  let tag = '';
  const nameAt = (start: number, end: number): string => {
    for (const name of knownTags[end - start] ?? []) {
      if (sameName(html, start, end, name)) return name;
    }
    return html.slice(start, end).toLowerCase();
  };
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
        tag = nameAt(start, end);
        attributes.reset(html);
      },
      onattribname(start, end) {
        attributes.name(start, end);
      },
      onattribdata(start, end) {
        attributes.data(start, end);
      },
      onattribentity(codepoint) {
        attributes.entity(codepoint);
      },
      onattribend() {
        attributes.end();
      },
      onopentagend: openTag,
      // HTML ignores the slash of `<br/>`: the element is open or void as its name says.
      onselfclosingtag: openTag,
      onclosetag(start, end) {
        const name = nameAt(start, end);
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
