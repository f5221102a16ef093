// Stream info XML, both ways: the shortinfo (empty <desc />) that answers discovery and the fullinfo
// (with desc/channels/channel/{label,unit,type}) served over TCP, laid out byte for byte like liblsl 1.17
// (LF line ends, tab indentation, reals with 16 significant digits), and a reader that accepts what the
// liblsl reader accepts (any element order, missing optional fields, no XML declaration).
import { StrnnError } from '../../util/errors.js';
import { CHANNEL_FORMATS, type ChannelFormat, type StreamInfo } from './types.js';
import { childElement, escapeXmlText, parseXml, type XmlElement } from './xml.js';

/** liblsl prints reals with 16 significant digits in fixed notation (100.0000000000000). */
export function formatLslReal(x: number): string {
  return x.toPrecision(16);
}

function descXmlOf(info: StreamInfo): string {
  if (info.descXml !== undefined) return info.descXml;
  const labels = info.channelLabels;
  if (!labels && !info.units && !info.channelTypes) return '';
  const lines = ['', '\t\t<channels>'];
  for (let c = 0; c < info.channelCount; c++) {
    lines.push('\t\t\t<channel>');
    if (labels) lines.push(`\t\t\t\t<label>${escapeXmlText(labels[c] ?? '')}</label>`);
    if (info.units) lines.push(`\t\t\t\t<unit>${escapeXmlText(info.units[c] ?? '')}</unit>`);
    if (info.channelTypes) lines.push(`\t\t\t\t<type>${escapeXmlText(info.channelTypes[c] ?? '')}</type>`);
    lines.push('\t\t\t</channel>');
  }
  lines.push('\t\t</channels>', '\t');
  return lines.join('\n');
}

/** The XML document of a stream; `full` adds the desc (channel labels, units, types). */
export function formatStreamInfoXml(info: StreamInfo, full: boolean): string {
  const field = (name: string, value: string) => `\t<${name}>${escapeXmlText(value)}</${name}>`;
  const desc = full ? descXmlOf(info) : '';
  return [
    '<?xml version="1.0"?>',
    '<info>',
    field('name', info.name),
    field('type', info.type),
    field('channel_count', String(info.channelCount)),
    field('channel_format', info.channelFormat),
    field('source_id', info.sourceId),
    field('nominal_srate', formatLslReal(info.nominalSrate)),
    field('version', formatLslReal(info.version)),
    field('created_at', formatLslReal(info.createdAt)),
    field('uid', info.uid),
    field('session_id', info.sessionId),
    field('hostname', info.hostname),
    field('v4address', info.v4address),
    field('v4data_port', String(info.v4dataPort)),
    field('v4service_port', String(info.v4servicePort)),
    field('v6address', info.v6address),
    field('v6data_port', String(info.v6dataPort)),
    field('v6service_port', String(info.v6servicePort)),
    desc === '' ? '\t<desc />' : `\t<desc>${desc}</desc>`,
    '</info>',
    '',
  ].join('\n');
}

function channelField(channels: XmlElement[], name: string): string[] | undefined {
  if (!channels.some((c) => childElement(c, name))) return undefined;
  return channels.map((c) => childElement(c, name)?.text.trim() ?? '');
}

/** Read a shortinfo or fullinfo document; `where` names the source (e.g. "fullinfo from 127.0.0.1:16573"). */
export function parseStreamInfoXml(xml: string, where: string): StreamInfo {
  const root = parseXml(xml, where);
  if (root.name !== 'info') throw new StrnnError('FORMAT', `${where}: stream info root element is <${root.name}>, expected <info>`);
  const text = (name: string) => childElement(root, name)?.text.trim() ?? '';
  const required = (name: string) => {
    const value = text(name);
    if (value === '') throw new StrnnError('FORMAT', `${where}: stream info has no <${name}>`);
    return value;
  };
  const number = (name: string, fallback: number, integer: boolean) => {
    const raw = text(name);
    if (raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < 0) {
      throw new StrnnError('FORMAT', `${where}: stream info <${name}> is "${raw}", expected a non-negative ${integer ? 'integer' : 'number'}`);
    }
    return value;
  };
  const format = required('channel_format');
  if (!(CHANNEL_FORMATS as readonly string[]).includes(format)) {
    throw new StrnnError('FORMAT', `${where}: stream info <channel_format> is "${format}", expected one of ${CHANNEL_FORMATS.join(', ')}`);
  }
  const channelCount = number('channel_count', 0, true);
  if (channelCount < 1) throw new StrnnError('FORMAT', `${where}: stream info <channel_count> is missing or 0, expected at least 1 channel`);
  const info: StreamInfo = {
    name: required('name'),
    type: text('type'),
    channelCount,
    nominalSrate: number('nominal_srate', 0, false),
    channelFormat: format as ChannelFormat,
    sourceId: text('source_id'),
    version: number('version', 1.1, false),
    createdAt: number('created_at', 0, false),
    uid: required('uid'),
    sessionId: text('session_id'),
    hostname: text('hostname'),
    v4address: text('v4address'),
    v4dataPort: number('v4data_port', 0, true),
    v4servicePort: number('v4service_port', 0, true),
    v6address: text('v6address'),
    v6dataPort: number('v6data_port', 0, true),
    v6servicePort: number('v6service_port', 0, true),
  };
  const desc = childElement(root, 'desc');
  if (desc && desc.innerXml.trim() !== '') {
    info.descXml = desc.innerXml;
    const channels = childElement(desc, 'channels')?.children.filter((c) => c.name === 'channel') ?? [];
    if (channels.length > 0) {
      const labels = channelField(channels, 'label');
      const units = channelField(channels, 'unit');
      const types = channelField(channels, 'type');
      if (labels) info.channelLabels = labels;
      if (units) info.units = units;
      if (types) info.channelTypes = types;
    }
  }
  return info;
}
