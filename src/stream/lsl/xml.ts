// A minimal XML reader and text escaper for LSL stream info documents (<info> with plain child elements,
// and a free-form <desc>). Hand-written because the documents are tiny and fixed in shape, and the core
// must run in a browser without a DOM (no DOMParser in Node, no dependency for 80 lines).
import { StrnnError } from '../../util/errors.js';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string;
  /** The raw source between the start and end tag ('' for `<x/>`). */
  innerXml: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return ENTITIES[body] ?? whole;
  });
}

export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Parse a document and return its root element; `where` names the source in errors. */
export function parseXml(source: string, where: string): XmlElement {
  let pos = 0;
  const fail = (what: string): never => {
    throw new StrnnError('FORMAT', `${where}: malformed stream info XML: ${what} at character ${pos}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (pos < source.length && /\s/.test(source[pos]!)) pos++;
      if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail('unterminated <?');
        pos = end + 2;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else return;
    }
  };
  const parseElement = (depth: number): XmlElement => {
    if (depth > 64) fail('elements nested deeper than 64');
    if (source[pos] !== '<') fail('expected "<"');
    const tag = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(source.slice(pos, pos + 4096));
    if (!tag) return fail('bad start tag');
    const element: XmlElement = { name: tag[1]!, children: [], text: '', innerXml: '' };
    pos += tag[0].length;
    if (tag[3] === '/') return element;
    const innerStart = pos;
    for (;;) {
      const lt = source.indexOf('<', pos);
      if (lt < 0) fail(`missing </${element.name}>`);
      element.text += decodeEntities(source.slice(pos, lt));
      pos = lt;
      if (source.startsWith('</', pos)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(source.slice(pos, pos + 300));
        if (!close || close[1] !== element.name) fail(`expected </${element.name}>`);
        element.innerXml = source.slice(innerStart, pos);
        pos += close![0].length;
        return element;
      }
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail('unterminated comment');
        pos = end + 3;
      } else if (source.startsWith('<![CDATA[', pos)) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail('unterminated CDATA');
        element.text += source.slice(pos + 9, end);
        pos = end + 3;
      } else element.children.push(parseElement(depth + 1));
    }
  };
  skipMisc();
  const root = parseElement(0);
  skipMisc();
  if (pos !== source.length) fail('text after the root element');
  return root;
}

export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
