// The three small XML files of an MMI session, read with a tag scanner: the files are flat lists of
// elements with attributes (no text content, namespaces or CDATA that we need), so a full XML parser
// dependency would buy nothing. Formats as read here (see mmi.ts for the sources and assumptions):
//
//   session.xml          <session ...><subject id="3"/><track id="0" view="0">...</track></session>
//   <sid>.xml            <Metatag Name="Emotion" Value="1..6"/> among other Metatag elements
//   <sid>-oao_aucs.xml   <ActionUnit Number="12"><Marker Frame="23" Type="1"/>...</ActionUnit> ...
import { StrnnError } from '../util/errors.js';
import { MMI_MARKER } from './mmi-facts.js';

export interface XmlTag {
  name: string;
  attrs: Record<string, string>;
  /** true for </name>. */
  closing: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Start, empty and end tags in document order; comments, declarations and text are skipped. */
export function scanXmlTags(text: string): XmlTag[] {
  const tags: XmlTag[] = [];
  const clean = text.replace(/<!--[\s\S]*?-->/g, '');
  const tagRe = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)\/?>/g;
  const attrRe = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = tagRe.exec(clean); m; m = tagRe.exec(clean)) {
    const attrs: Record<string, string> = {};
    for (let a = attrRe.exec(m[3]!); a; a = attrRe.exec(m[3]!)) {
      attrs[a[1]!] = (a[3] ?? a[4] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);
    }
    tags.push({ name: m[2]!, attrs, closing: m[1] === '/' });
  }
  return tags;
}

function intAttr(tag: XmlTag, attr: string, source: string): number {
  const raw = tag.attrs[attr];
  const v = Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isInteger(v)) {
    throw new StrnnError('INPUT', `${source}: <${tag.name}> attribute ${attr}: expected an integer, found ${raw === undefined ? 'no attribute' : `"${raw}"`}`);
  }
  return v;
}

export interface MmiSessionInfo {
  /** Camera view of the (first) track: 0 frontal. */
  view: number;
  /** <subject id="..."> when present. */
  subject?: string;
}

export function parseMmiSessionXml(text: string, source: string): MmiSessionInfo {
  const tags = scanXmlTags(text);
  const track = tags.find((t) => !t.closing && t.name.toLowerCase() === 'track' && t.attrs['view'] !== undefined);
  if (!track) throw new StrnnError('INPUT', `${source}: expected a <track view="0|1|2"> element, found none`);
  const info: MmiSessionInfo = { view: intAttr(track, 'view', source) };
  const subject = tags.find((t) => !t.closing && t.name.toLowerCase() === 'subject' && t.attrs['id'] !== undefined);
  if (subject) info.subject = subject.attrs['id']!;
  return info;
}

/** The Emotion metatag's value, or undefined when the file has none (unlabelled session). */
export function parseMmiEmotion(text: string, source: string): number | undefined {
  const tag = scanXmlTags(text).find((t) => !t.closing && t.name === 'Metatag' && t.attrs['Name'] === 'Emotion');
  return tag ? intAttr(tag, 'Value', source) : undefined;
}

export interface MmiMarker {
  /** 1-based frame number. */
  frame: number;
  /** 0 neutral, 1 onset, 2 apex, 3 offset (mmi-facts.ts MMI_MARKER). */
  type: number;
}

export interface MmiActionUnit {
  au: string;
  markers: MmiMarker[];
}

export function parseMmiOao(text: string, source: string): MmiActionUnit[] {
  const units: MmiActionUnit[] = [];
  let current: MmiActionUnit | undefined;
  for (const tag of scanXmlTags(text)) {
    if (tag.name === 'ActionUnit') {
      if (tag.closing) current = undefined;
      else {
        current = { au: tag.attrs['Number'] ?? '?', markers: [] };
        units.push(current);
      }
    } else if (tag.name === 'Marker' && !tag.closing) {
      if (!current) throw new StrnnError('INPUT', `${source}: <Marker> outside an <ActionUnit> element`);
      const frame = intAttr(tag, 'Frame', source), type = intAttr(tag, 'Type', source);
      if (frame < 1 || type < 0 || type > 3) throw new StrnnError('INPUT', `${source}: <Marker Frame="${frame}" Type="${type}">: expected Frame >= 1 and Type 0..3`);
      current.markers.push({ frame, type });
    }
  }
  return units;
}

/**
 * The sequence's apex frame (1-based): for every action unit with an apex marker, the middle of its
 * apex phase (from the apex marker to the next offset marker, or the apex marker itself when no offset
 * follows); the sequence's apex is the median of these (the lower middle value for an even count).
 * Undefined when no action unit has an apex marker.
 */
export function mmiApexFrame(units: readonly MmiActionUnit[]): number | undefined {
  const mids: number[] = [];
  for (const u of units) {
    const markers = [...u.markers].sort((a, b) => a.frame - b.frame);
    const apex = markers.find((m) => m.type === MMI_MARKER.apex);
    if (!apex) continue;
    const offset = markers.find((m) => m.type === MMI_MARKER.offset && m.frame >= apex.frame);
    mids.push(Math.floor((apex.frame + (offset?.frame ?? apex.frame)) / 2));
  }
  if (mids.length === 0) return undefined;
  mids.sort((a, b) => a - b);
  return mids[Math.floor((mids.length - 1) / 2)]!;
}
