// Resolve queries: the text an inlet sends (`session_id='default' and name='X'`) and the matching an
// outlet does. liblsl evaluates them as XPath 1.0 predicates over its info XML (pugixml); this is the
// subset inlets actually send, and what people type into resolve_bypred: comparisons of a field path
// with a string or number literal, and/or/not(), parentheses, starts-with(), contains().
import { StrnnError } from '../../util/errors.js';
import type { ResolveQuery } from './types.js';
import type { XmlElement } from './xml.js';

type Expr =
  | { kind: 'or' | 'and'; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr }
  | { kind: 'compare'; op: Operator; left: Operand; right: Operand }
  | { kind: 'function'; name: 'starts-with' | 'contains'; args: [Operand, Operand] }
  | { kind: 'exists'; path: string[] };

type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';
type Operand = { kind: 'path'; path: string[] } | { kind: 'string'; value: string } | { kind: 'number'; value: number };

type Token = { kind: 'name' | 'string' | 'number' | 'op' | 'punct'; text: string; at: number };

function quoteLiteral(value: string): string {
  // XPath 1.0 has no escapes: a value with both quote kinds cannot be written as one literal.
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new StrnnError('USAGE', `LSL query value ${value} contains both ' and ", which an LSL query cannot express`);
}

/** The predicate text for a query object, e.g. `session_id='default' and name='X'` (liblsl's form). */
export function buildQueryText(query: ResolveQuery, sessionId = 'default'): string {
  const terms = [`session_id=${quoteLiteral(sessionId)}`];
  if (query.name !== undefined) terms.push(`name=${quoteLiteral(query.name)}`);
  if (query.type !== undefined) terms.push(`type=${quoteLiteral(query.type)}`);
  if (query.sourceId !== undefined) terms.push(`source_id=${quoteLiteral(query.sourceId)}`);
  if (query.predicate !== undefined && query.predicate.trim() !== '') {
    parseQuery(query.predicate); // refuse a bad predicate here, not silently at every outlet
    terms.push(`(${query.predicate})`);
  }
  return terms.join(' and ');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(!=|<=|>=|=|<|>)|([(),])|'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)|([A-Za-z_][\w.-]*(?:\/[A-Za-z_][\w.-]*)*))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    pattern.lastIndex = pos;
    const m = pattern.exec(text);
    if (!m) throw new StrnnError('USAGE', `LSL query "${text}": cannot read it at character ${pos}`);
    const at = pos;
    pos = pattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'op', text: m[1], at });
    else if (m[2] !== undefined) tokens.push({ kind: 'punct', text: m[2], at });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ kind: 'string', text: m[3] ?? m[4]!, at });
    else if (m[5] !== undefined) tokens.push({ kind: 'number', text: m[5], at });
    else tokens.push({ kind: 'name', text: m[6]!, at });
  }
  return tokens;
}

/** Parse predicate text; throws a StrnnError naming the query and position for anything outside the subset. */
export function parseQuery(text: string): Expr {
  const tokens = tokenize(text);
  let i = 0;
  const fail = (what: string): never => {
    const at = tokens[i]?.at ?? text.length;
    throw new StrnnError('USAGE', `LSL query "${text}": ${what} at character ${at}`);
  };
  const peek = () => tokens[i];
  const isWord = (word: string) => peek()?.kind === 'name' && peek()!.text === word;
  const expect = (punct: string) => {
    if (peek()?.kind !== 'punct' || peek()!.text !== punct) fail(`expected "${punct}"`);
    i++;
  };
  const operand = (): Operand => {
    const t = peek();
    if (!t) return fail('expected a field or a value');
    i++;
    if (t.kind === 'string') return { kind: 'string', value: t.text };
    if (t.kind === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.kind === 'name') return { kind: 'path', path: t.text.split('/') };
    return fail(`unexpected "${t.text}"`);
  };
  const primary = (): Expr => {
    const t = peek();
    if (!t) return fail('expected a condition');
    if (t.kind === 'punct' && t.text === '(') {
      i++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    if (t.kind === 'name' && (t.text === 'not' || t.text === 'starts-with' || t.text === 'contains') && tokens[i + 1]?.text === '(') {
      i += 2;
      if (t.text === 'not') {
        const inner = orExpr();
        expect(')');
        return { kind: 'not', operand: inner };
      }
      const a = operand();
      expect(',');
      const b = operand();
      expect(')');
      return { kind: 'function', name: t.text, args: [a, b] };
    }
    const left = operand();
    const op = peek();
    if (op?.kind !== 'op') {
      if (left.kind !== 'path') fail('a value alone is not a condition');
      return { kind: 'exists', path: (left as { path: string[] }).path };
    }
    i++;
    return { kind: 'compare', op: op.text as Operator, left, right: operand() };
  };
  const andExpr = (): Expr => {
    let left = primary();
    while (isWord('and')) {
      i++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): Expr => {
    let left = andExpr();
    while (isWord('or')) {
      i++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  if (tokens.length === 0) fail('empty query');
  const expr = orExpr();
  if (i < tokens.length) fail(`unexpected "${tokens[i]!.text}"`);
  return expr;
}

function select(root: XmlElement, path: string[]): string[] {
  let nodes = [root];
  for (const step of path) nodes = nodes.flatMap((n) => n.children.filter((c) => c.name === step));
  return nodes.map((n) => n.text.trim());
}

function values(root: XmlElement, operand: Operand): Array<string | number> {
  if (operand.kind === 'path') return select(root, operand.path);
  return [operand.value];
}

function compare(op: Operator, a: string | number, b: string | number): boolean {
  // XPath: = and != compare as numbers when either side is a number, relational operators always do.
  const numeric = typeof a === 'number' || typeof b === 'number' || (op !== '=' && op !== '!=');
  const x = numeric ? Number(a) : a;
  const y = numeric ? Number(b) : b;
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

function evaluate(expr: Expr, root: XmlElement): boolean {
  switch (expr.kind) {
    case 'or':
      return evaluate(expr.left, root) || evaluate(expr.right, root);
    case 'and':
      return evaluate(expr.left, root) && evaluate(expr.right, root);
    case 'not':
      return !evaluate(expr.operand, root);
    case 'exists':
      return select(root, expr.path).length > 0;
    case 'compare': {
      // XPath node-set comparison: true when some pair of values satisfies it.
      const left = values(root, expr.left);
      const right = values(root, expr.right);
      return left.some((a) => right.some((b) => compare(expr.op, a, b)));
    }
    case 'function': {
      const [a, b] = expr.args.map((arg) => String(values(root, arg)[0] ?? ''));
      return expr.name === 'contains' ? a!.includes(b!) : a!.startsWith(b!);
    }
  }
}

/** Does the stream whose info XML tree is `info` (root <info>) match the query text? Unreadable queries match nothing. */
export function matchesQuery(info: XmlElement, text: string): boolean {
  if (text.trim() === '') return true;
  try {
    return evaluate(parseQuery(text), info);
  } catch {
    return false;
  }
}

