/** The two logo variants of api.md §8.1: `square.svg` and `full.svg`. */
export type LogoVariant = 'square' | 'full';

/** What a generated logo is drawn from. */
export interface LogoSubject {
  /** Drawn as the name on the full variant and the source of the monogram. */
  shortName: string;
  /** Used for the monogram when the name has no letter or digit. */
  id: string;
  /** `#rrggbb`. */
  primaryColor: string;
}

const colorPattern = /^#[0-9A-Fa-f]{6}$/;
const fallbackColor = '#4B5563';
const fontFamily = 'Helvetica, Arial, sans-serif';

/** Whether a code point may appear in an XML 1.0 document at all, escaped or not. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** The text without the characters XML forbids (control characters, lone surrogates). */
function xmlChars(text: string): string {
  let out = '';
  // for…of walks code points, so a lone surrogate arrives alone and is dropped.
  for (const char of text) if (isXmlChar(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

/** Text made safe for an XML text node or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return xmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Up to two initials: the first letter or digit of each of the first two words. */
export function monogram(shortName: string, id: string): string {
  const initials: string[] = [];
  for (const word of shortName.split(/\s+/)) {
    const first = /[\p{L}\p{N}]/u.exec(word)?.[0];
    if (first !== undefined) initials.push(first.toLocaleUpperCase('en'));
    if (initials.length === 2) break;
  }
  return initials.length > 0 ? initials.join('') : id.slice(0, 2);
}

/** Dark text on light colours, white on dark ones (WCAG relative luminance). */
function textColorOn(color: string): string {
  const channel = (offset: number) => {
    const value = parseInt(color.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#111827' : '#FFFFFF';
}

function squareMarkup(letters: string, fill: string, ink: string, size: number): string {
  const fontSize = Math.round(size * (Array.from(letters).length > 1 ? 0.4 : 0.5));
  const middle = size / 2;
  return (
    `<rect width="${size}" height="${size}" rx="${Math.round(size * 0.16)}" fill="${fill}"/>` +
    `<text x="${middle}" y="${middle}" text-anchor="middle" dominant-baseline="central" ` +
    `font-family="${fontFamily}" font-size="${fontSize}" font-weight="700" fill="${ink}">` +
    `${escapeXml(letters)}</text>`
  );
}

/**
 * A generated monogram logo (api.md §8.1 "a generated monogram when no logo is configured"):
 * deterministic for its inputs, every text escaped, a complete standalone SVG document.
 * `square` is the monogram alone; `full` adds the short name beside it.
 */
export function renderLogoSvg(subject: LogoSubject, variant: LogoVariant): string {
  const fill = colorPattern.test(subject.primaryColor)
    ? subject.primaryColor.toUpperCase()
    : fallbackColor;
  const ink = textColorOn(fill);
  const letters = monogram(subject.shortName, subject.id);
  const name = subject.shortName.trim() === '' ? subject.id : subject.shortName.trim();
  const label = escapeXml(name);
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (variant === 'square') {
    return (
      `${head}<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" ` +
      `viewBox="0 0 256 256" role="img" aria-label="${label}"><title>${label}</title>` +
      `${squareMarkup(letters, fill, ink, 256)}</svg>\n`
    );
  }
  // The name's width is estimated from its length and pinned with textLength, so the layout is
  // the same whatever fonts the viewer has.
  const height = 128;
  const fontSize = 56;
  const textX = height + 24;
  const characters = Array.from(xmlChars(name)).length;
  const textLength = Math.max(1, characters) * Math.round(fontSize * 0.6);
  const width = textX + textLength + 24;
  return (
    `${head}<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><title>${label}</title>` +
    `${squareMarkup(letters, fill, ink, height)}` +
    `<text x="${textX}" y="${height / 2}" dominant-baseline="central" font-family="${fontFamily}" ` +
    `font-size="${fontSize}" font-weight="700" fill="${fill}" textLength="${textLength}" ` +
    `lengthAdjust="spacingAndGlyphs">${label}</text></svg>\n`
  );
}
