// The INI-like text of BrainVision .vhdr and .vmrk files: an identification line, then [Section]
// headers and Key=Value lines; ';' starts a comment line. Keys keep their case (Ch1, Mk12), values
// are trimmed. Sections after a free-text section ([Comment]) are still found.

export interface IniSections {
  /** The first non-empty line (e.g. 'Brain Vision Data Exchange Header File Version 1.0'). */
  identification: string;
  /** Section name → key → value, in file order. */
  sections: Map<string, Map<string, string>>;
}

export function parseIni(text: string): IniSections {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const sections = new Map<string, Map<string, string>>();
  let identification = '';
  let current: Map<string, string> | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';')) continue;
    if (identification === '') {
      identification = line;
      continue;
    }
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1]!.trim(), current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return { identification, sections };
}
