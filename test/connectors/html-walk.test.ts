import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { walkHtml } from '../../src/connectors/web/html-walk.ts';

/** The walk as lines: `+name depth attrs`, `-name depth`, `"text"`. */
function walk(html: string, attributeNames: readonly string[] = []): string[] {
  const out: string[] = [];
  walkHtml(html, {
    open(name, attributes, depth) {
      const shown = attributeNames
        .map((a) => [a, attributes.get(a)] as const)
        .filter(([, v]) => v !== undefined)
        .map(([a, v]) => `${a}=${v}`);
      out.push(`+${name} ${depth}${shown.length > 0 ? ` ${shown.join(' ')}` : ''}`);
    },
    close(name, depth) {
      out.push(`-${name} ${depth}`);
    },
    wantsText: () => true,
    text(text) {
      if (text.trim() !== '') out.push(JSON.stringify(text));
    },
  });
  return out;
}

describe('walkHtml (the transactions page reader’s tree walk)', () => {
  test('names in lower case, attributes decoded, the first of a repeated name kept', () => {
    assert.deepEqual(
      walk('<TD CLASS="a&amp;b" class="second" Data-X=\'q&quot;\' data-y=plain>x &lt; y</td>', [
        'class',
        'data-x',
        'data-y',
      ]),
      ['+td 0 class=a&b data-x=q" data-y=plain', '"x "', '"<"', '" y"', '-td 0'],
    );
  });

  test('void elements close at once; table parts and paragraphs close as browsers close them', () => {
    assert.deepEqual(
      walk('<p>one<table><tbody><tr><td>a<td>b<tr><td>c</table><input name=x><br/>'),
      [
        '+p 0',
        '"one"',
        '-p 0',
        '+table 0',
        '+tbody 1',
        '+tr 2',
        '+td 3',
        '"a"',
        '-td 3',
        '+td 3',
        '"b"',
        '-td 3',
        '-tr 2',
        '+tr 2',
        '+td 3',
        '"c"',
        '-td 3',
        '-tr 2',
        '-tbody 1',
        '-table 0',
        '+input 0',
        '-input 0',
        '+br 0',
        '-br 0',
      ],
    );
  });

  test('an end tag without its start tag is ignored; what is open at the end is closed', () => {
    assert.deepEqual(walk('<div></span><main>text'), [
      '+div 0',
      '+main 1',
      '"text"',
      '-main 1',
      '-div 0',
    ]);
  });

  test('oneOf compares a whole value in place, decoded or not', () => {
    const seen: (string | undefined)[] = [];
    walkHtml('<td class="date"></td><td class="dates"></td><td class="d&#97;te"></td><td>', {
      open(_name, attributes) {
        seen.push(attributes.oneOf('class', ['date', 'amount']));
      },
      close() {},
      wantsText: () => false,
      text() {},
    });
    assert.deepEqual(seen, ['date', undefined, 'date', undefined]);
  });
});
