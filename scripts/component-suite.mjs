// Converts the component-model test suite's .wast scripts into JSON manifests plus component
// binaries, the way wast2json does for the core spec suite, so the TCK's ComponentSuite can run
// them without a text parser of its own. Called by scripts/build-component-suite.sh:
//
//   node scripts/component-suite.mjs JCO_API_JS TEST_DIR OUT_DIR
//
// For every TEST_DIR/**/NAME.wast it writes OUT_DIR/DIR/NAME/NAME.json and NAME.N.wasm. Component
// text is assembled with jco's `parse` (the wat crate behind wasm-tools); `binary` forms are
// decoded here; `quote` forms are concatenated and assembled. A command that cannot be assembled
// is kept as {"type": "unconvertible", "command", "reason"}: the runner counts it, nothing is
// dropped silently. OUT_DIR/index.json lists every file with its counts.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, basename, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const [apiPath, testDir, outDir] = process.argv.slice(2);
if (!apiPath || !testDir || !outDir) {
  console.error('usage: node component-suite.mjs JCO_API_JS TEST_DIR OUT_DIR');
  process.exit(2);
}
const { parse } = await import(pathToFileURL(apiPath).href);

// ---- tokens and s-expressions -------------------------------------------------------------

/** Splits wast text into a tree of {kind: 'list'|'atom'|'string', start, end, line, ...}. */
function read(text) {
  let i = 0;
  let line = 1;
  const root = { kind: 'list', items: [], start: 0, line: 1 };
  const stack = [root];
  const top = () => stack[stack.length - 1];
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === ';' && text[i + 1] === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(' && text[i + 1] === ';') {
      let depth = 0;
      do {
        if (text[i] === '(' && text[i + 1] === ';') {
          depth++;
          i += 2;
        } else if (text[i] === ';' && text[i + 1] === ')') {
          depth--;
          i += 2;
        } else {
          if (text[i] === '\n') line++;
          i++;
        }
      } while (depth > 0 && i < text.length);
    } else if (c === '(') {
      const node = { kind: 'list', items: [], start: i, line };
      top().items.push(node);
      stack.push(node);
      i++;
    } else if (c === ')') {
      if (stack.length === 1) throw new Error(`line ${line}: unbalanced ')'`);
      stack.pop().end = i + 1;
      i++;
    } else if (c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        if (text[i] === '\n') line++;
        i++;
      }
      i++;
      top().items.push({ kind: 'string', raw: text.slice(start + 1, i - 1), start, end: i, line });
    } else {
      const start = i;
      while (i < text.length && !' \t\r\n()";'.includes(text[i])) i++;
      top().items.push({ kind: 'atom', text: text.slice(start, i), start, end: i, line });
    }
  }
  if (stack.length !== 1) throw new Error(`unbalanced '(' opened on line ${top().line}`);
  return root.items;
}

/** The bytes of a wast string literal (escapes \n \t \\ \' \" \hh \u{...}). */
function bytesOf(raw) {
  const out = [];
  const enc = new TextEncoder();
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\') {
      const cp = raw.codePointAt(i);
      if (cp > 0xffff) i++;
      out.push(...enc.encode(String.fromCodePoint(cp)));
      continue;
    }
    const e = raw[++i];
    const simple = { n: 10, t: 9, r: 13, '\\': 92, "'": 39, '"': 34 };
    if (e in simple) {
      out.push(simple[e]);
    } else if (e === 'u') {
      const close = raw.indexOf('}', i);
      out.push(...enc.encode(String.fromCodePoint(parseInt(raw.slice(i + 2, close), 16))));
      i = close;
    } else if (/[0-9a-fA-F]/.test(e) && /[0-9a-fA-F]/.test(raw[i + 1] ?? '')) {
      out.push(parseInt(raw.slice(i, i + 2), 16));
      i++;
    } else {
      throw new Error(`invalid string escape \\${e}`);
    }
  }
  return Uint8Array.from(out);
}

const textOf = (raw) => new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(raw));
const isAtom = (n, t) => n && n.kind === 'atom' && (t === undefined || n.text === t);
const head = (n) => (n && n.kind === 'list' && isAtom(n.items[0]) ? n.items[0].text : undefined);

// ---- components -----------------------------------------------------------------------------

/** A readable message from a jco/wasm-tools error (its Debug form wraps the text deeply). */
function reasonOf(e) {
  const s = String(e && e.message ? e.message : e);
  const custom = s.match(/kind: Custom\("((?:[^"\\]|\\.)*)"\)/);
  if (custom) return custom[1].replace(/\\"/g, '"');
  const lex = s.match(/kind: Lex\((\w+(?:\([^)]*\))?)/);
  if (lex) return 'lexing: ' + lex[1];
  return s.replace(/\s+/g, ' ').slice(0, 300);
}

/**
 * Assembles a (component ...) or (module ...) node: {bytes, name, definition, form} or throws
 * with the reason. form is binary, quote or text.
 */
async function assemble(node, text) {
  const items = node.items;
  const kw = items[0].text;
  let k = 1;
  let definition = false;
  let name = null;
  if (kw === 'component' && isAtom(items[k], 'definition')) {
    definition = true;
    k++;
  }
  if (isAtom(items[k]) && items[k].text.startsWith('$')) {
    name = items[k].text;
    k++;
  }
  if (isAtom(items[k], 'binary')) {
    const parts = items.slice(k + 1).map((s) => bytesOf(s.raw));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      bytes.set(p, o);
      o += p.length;
    }
    return { bytes, name, definition, form: 'binary' };
  }
  if (isAtom(items[k], 'quote')) {
    const body = items
      .slice(k + 1)
      .map((s) => textOf(s.raw))
      .join(' ');
    return { bytes: await parse(`(${kw} ${body})`), name, definition, form: 'quote' };
  }
  const rest = k < items.length ? text.slice(items[k].start, node.end - 1) : '';
  const src = `(${kw}${name ? ' ' + name : ''}\n${rest})`;
  return { bytes: await parse(src), name, definition, form: 'text' };
}

// ---- values -------------------------------------------------------------------------------

const INTS = new Set(['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64']);

function intText(t, type) {
  let s = t.replace(/_/g, '');
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let v = BigInt(s); // BigInt reads 0x..., 0o..., 0b... and decimal
  if (neg) v = -v;
  const bits = BigInt(type.slice(1));
  const min = type[0] === 's' ? -(1n << (bits - 1n)) : 0n;
  const max = type[0] === 's' ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  if (type[0] === 's' && v > max && v < 1n << bits) v -= 1n << bits; // s32.const 0xffffffff
  if (v < min || v > max) throw new Error(`${type}.const ${t} out of range`);
  return v.toString();
}

/** A typed value: `(u32.const 5)` or, inside a record field, the same without parentheses. */
function value(items) {
  const op = items[0].text;
  const args = items.slice(1);
  const dot = op.indexOf('.');
  const type = op.slice(0, dot);
  const what = op.slice(dot + 1);
  if (INTS.has(type) && what === 'const') return { type, value: intText(args[0].text, type) };
  if ((type === 'f32' || type === 'f64') && what === 'const') {
    return { type, value: args[0].text.replace(/_/g, '') };
  }
  if (op === 'bool.const') return { type: 'bool', value: args[0].text === 'true' };
  if (op === 'char.const') {
    const s = textOf(args[0].raw);
    if ([...s].length !== 1) throw new Error(`char.const "${s}" is not one character`);
    return { type: 'char', value: s.codePointAt(0) };
  }
  if (op === 'str.const') return { type: 'string', value: textOf(args[0].raw) };
  if (op === 'list.const') return { type: 'list', value: args.map((a) => value(a.items)) };
  if (op === 'tuple.const') return { type: 'tuple', value: args.map((a) => value(a.items)) };
  if (op === 'record.const') {
    return {
      type: 'record',
      value: args.map((f) => {
        if (head(f) !== 'field') throw new Error('record.const expects (field "name" VALUE)');
        const v = f.items[2].kind === 'list' ? f.items[2].items : f.items.slice(2);
        return { name: textOf(f.items[1].raw), value: value(v) };
      }),
    };
  }
  if (op === 'variant.const') {
    return {
      type: 'variant',
      case: textOf(args[0].raw),
      value: args[1] ? value(args[1].items) : null,
    };
  }
  if (op === 'enum.const') return { type: 'enum', value: textOf(args[0].raw) };
  if (op === 'flags.const') return { type: 'flags', value: args.map((a) => textOf(a.raw)) };
  if (op === 'option.none') return { type: 'option', value: null };
  if (op === 'option.some') return { type: 'option', value: value(args[0].items) };
  if (op === 'result.ok' || op === 'result.err') {
    return { type: 'result', ok: op === 'result.ok', value: args[0] ? value(args[0].items) : null };
  }
  throw new Error(`unknown value ${op}`);
}

function action(node) {
  if (head(node) !== 'invoke') throw new Error(`unsupported action ${head(node)}`);
  let k = 1;
  let instance = null;
  if (isAtom(node.items[k]) && node.items[k].text.startsWith('$')) instance = node.items[k++].text;
  const field = textOf(node.items[k++].raw);
  const args = node.items.slice(k).map((a) => value(a.items));
  return { type: 'invoke', instance, field, args };
}

// ---- scripts ------------------------------------------------------------------------------

async function convert(file, rel, out) {
  const text = readFileSync(file, 'utf8');
  const name = basename(file, '.wast');
  const commands = [];
  let n = 0;
  const write = (bytes) => {
    const f = `${name}.${n++}.wasm`;
    writeFileSync(join(out, f), bytes);
    return f;
  };
  for (const node of read(text)) {
    const kind = head(node);
    const line = node.line;
    try {
      if (kind === 'component' && isAtom(node.items[1], 'instance')) {
        commands.push({
          type: 'component_instance',
          line,
          name: node.items[2].text,
          definition: node.items[3].text,
        });
      } else if (kind === 'component' || kind === 'module') {
        const a = await assemble(node, text);
        commands.push({
          type: kind === 'module' ? 'module' : a.definition ? 'component_definition' : 'component',
          line,
          name: a.name,
          filename: write(a.bytes),
          module_type: a.form,
        });
      } else if (kind === 'assert_return') {
        commands.push({
          type: 'assert_return',
          line,
          action: action(node.items[1]),
          expected: node.items.slice(2).map((v) => value(v.items)),
        });
      } else if (kind === 'assert_trap' && head(node.items[1]) === 'invoke') {
        commands.push({
          type: 'assert_trap',
          line,
          action: action(node.items[1]),
          text: textOf(node.items[2].raw),
        });
      } else if (kind === 'assert_trap') {
        const a = await assemble(node.items[1], text);
        commands.push({
          type: 'assert_uninstantiable',
          line,
          filename: write(a.bytes),
          module_type: a.form,
          text: textOf(node.items[2].raw),
        });
      } else if (kind === 'invoke') {
        commands.push({ type: 'action', line, action: action(node) });
      } else if (kind === 'assert_invalid' || kind === 'assert_malformed') {
        const expected = textOf(node.items[2].raw);
        let a;
        try {
          a = await assemble(node.items[1], text);
        } catch (e) {
          // The assembler refused it: for text that is the expected outcome of assert_malformed
          // (and of some assert_invalid the wat crate resolves names for), but there are no bytes
          // for an engine to reject.
          commands.push({
            type: 'unconvertible',
            line,
            command: kind,
            reason: `jco parse rejects the text (${reasonOf(e)}); expected "${expected}"`,
          });
          continue;
        }
        commands.push({
          type: kind,
          line,
          filename: write(a.bytes),
          module_type: a.form,
          text: expected,
        });
      } else {
        commands.push({
          type: 'unconvertible',
          line,
          command: kind ?? 'atom',
          reason: `unknown command ${kind}`,
        });
      }
    } catch (e) {
      commands.push({ type: 'unconvertible', line, command: kind, reason: reasonOf(e) });
    }
  }
  const manifest = { source_filename: rel, commands };
  writeFileSync(join(out, `${name}.json`), JSON.stringify(manifest, null, 1) + '\n');
  return commands;
}

function wastFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...wastFiles(p));
    else if (e.endsWith('.wast')) out.push(p);
  }
  return out;
}

const index = [];
let total = 0;
let unconvertible = 0;
for (const file of wastFiles(testDir)) {
  const rel = relative(testDir, file);
  const out = join(outDir, dirname(rel), basename(rel, '.wast'));
  mkdirSync(out, { recursive: true });
  const commands = await convert(file, rel, out);
  const bad = commands.filter((c) => c.type === 'unconvertible').length;
  total += commands.length;
  unconvertible += bad;
  index.push({
    file: rel,
    manifest: relative(outDir, join(out, basename(rel, '.wast') + '.json')),
    commands: commands.length,
    unconvertible: bad,
  });
}
writeFileSync(join(outDir, 'index.json'), JSON.stringify({ files: index }, null, 1) + '\n');
console.log(
  `component-suite: ${index.length} files, ${total} commands, ${unconvertible} unconvertible`,
);
