// A tiny escaping template tag for the web bank's pages: every interpolated value is escaped
// unless it is already a fragment built by this tag, so a persona's data can never inject markup.

/** A fragment of HTML that has already been escaped (or is trusted markup from a template). */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template may interpolate: text (escaped), fragments, lists of them, or nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | readonly HtmlValue[];

const escapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  // Most values have nothing to escape: a test is cheaper than a replace with a callback.
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => escapes[c] ?? c) : text;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.text;
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` fragments are kept. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}
