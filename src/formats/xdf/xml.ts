// A small XML element-tree reader for the XML inside XDF chunks (file header, stream header and footer):
// elements, attributes, text, CDATA, comments, declarations and the usual entities. XDF's XML is small
// and simple, and the MMI tag scanner (src/datasets/mmi-xml.ts) keeps no text, so this short reader
// saves a dependency for a few hundred bytes per stream. Not a validating parser: well-formedness
// errors that matter (an unclosed or mismatched element) are reported, exotic constructs are not read.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element (entities decoded, not trimmed). */
  text: string;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NAMED[e]!,
  );
}

/** Parse XML text into its root element; throws an Error with a short reason on malformed input. */
export function parseXml(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tagRe = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  const attrRe = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let pos = 0;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const top = stack[stack.length - 1]!;
    if (lt < 0) {
      top.text += decodeEntities(text.slice(pos));
      break;
    }
    if (lt > pos) top.text += decodeEntities(text.slice(pos, lt));
    pos = lt;
    const skip = (open: string, close: string): boolean => {
      if (!text.startsWith(open, pos)) return false;
      const end = text.indexOf(close, pos + open.length);
      if (end < 0) throw new Error(`unterminated ${open}`);
      if (open === '<![CDATA[') top.text += text.slice(pos + open.length, end);
      pos = end + close.length;
      return true;
    };
    if (skip('<?', '?>') || skip('<!--', '-->') || skip('<![CDATA[', ']]>') || skip('<!', '>')) continue;
    tagRe.lastIndex = pos;
    const m = tagRe.exec(text);
    if (!m) throw new Error(`malformed tag at character ${pos}`);
    pos = tagRe.lastIndex;
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      if (top === root || top.name !== name) throw new Error(`closing </${name}> does not match <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(attrRe)) attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
    const el: XmlElement = { name: name!, attrs, children: [], text: '' };
    top.children.push(el);
    if (!selfClosing) stack.push(el);
  }
  if (stack.length > 1) throw new Error(`element <${stack[stack.length - 1]!.name}> is not closed`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error(`expected one root element, found ${elements.length}`);
  return elements[0]!;
}

/** The first child element called `name`. */
export function xmlChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** The trimmed text of the first child called `name` (undefined when there is none). */
export function xmlChildText(el: XmlElement | undefined, name: string): string | undefined {
  return xmlChild(el, name)?.text.trim();
}
