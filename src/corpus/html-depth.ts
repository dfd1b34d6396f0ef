/**
 * How deep a page's elements will nest once parsed, read before parsing it. linkedom builds its tree
 * with htmlparser2, whose open-element stack costs time in proportion to its depth at every tag
 * (measured: 100,000 levels take 6 s, 300,000 levels 90 s), so a page that nests too deep must be
 * refused before it reaches the parser. This runs htmlparser2's own tokenizer (linear: a state
 * machine, no backtracking) and keeps the stack the way its parser does — the elements an opening
 * tag closes (`<li>` closes an open `<li>`, `<p>` an open `<p>`), void elements, self-closing tags in
 * SVG and MathML — but in constant time per tag. The parsed tree's own depth is checked afterwards.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** htmlparser2's `openImpliesClose` (Parser.js, not exported): elements an opening tag closes when on top. */
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>(
  Object.entries({
    tr: ['tr', 'th', 'td'],
    th: ['th'],
    td: ['thead', 'th', 'td'],
    body: ['head', 'link', 'script'],
    li: ['li'],
    option: ['option'],
    optgroup: ['optgroup', 'option'],
    dd: ['dd', 'dt'],
    dt: ['dd', 'dt'],
    rt: ['rt', 'rp'],
    rp: ['rt', 'rp'],
    tbody: ['thead', 'tbody'],
    tfoot: ['thead', 'tbody'],
    ...Object.fromEntries(['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, FORM])),
    ...Object.fromEntries(
      ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((t) => [t, P]),
    ),
  }).map(([tag, closes]) => [tag, new Set(closes)]),
);
const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);

/** The open elements, top last, with a count per name so a close tag of nothing open costs nothing. */
class OpenElements {
  private readonly names: string[] = [];
  private readonly counts = new Map<string, number>();
  /** htmlparser2's foreign-content flags: true inside SVG or MathML. */
  private readonly foreign: boolean[] = [false];
  /** The name of the tag opened last, for a self-closing tag. */
  private current = '';
  deepest = 0;

  get depth(): number {
    return this.names.length;
  }

  open(name: string): void {
    this.current = name;
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && this.names.length > 0 && closes.has(this.names[this.names.length - 1]!)) this.pop();
    if (VOID.has(name)) {
      // A void element is never open, but it is an element of the tree at this depth.
      this.deepest = Math.max(this.deepest, this.names.length + 1);
      return;
    }
    this.names.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.deepest = Math.max(this.deepest, this.names.length);
    if (FOREIGN.has(name)) this.foreign.push(true);
    else if (INTEGRATION.has(name)) this.foreign.push(false);
  }

  close(name: string): void {
    if (FOREIGN.has(name) || INTEGRATION.has(name)) this.foreign.pop();
    if (VOID.has(name)) return;
    if (this.counts.get(name)) {
      while (this.pop() !== name);
    } else if (name === 'p') {
      // `</p>` with no paragraph open makes an empty one, as in HTML parsing.
      this.open('p');
      this.pop();
    }
  }

  /** `<x/>`: closes itself only in foreign content, as in htmlparser2's HTML mode. */
  selfClose(): void {
    if (this.foreign[this.foreign.length - 1] && this.names[this.names.length - 1] === this.current) this.pop();
  }

  private pop(): string {
    const name = this.names.pop()!;
    this.counts.set(name, this.counts.get(name)! - 1);
    return name;
  }
}

const ignore = () => undefined;

export interface TagShape {
  /** The deepest nesting of elements, counted up to one past `stopAbove`. */
  depth: number;
  /** The longest tag name, in characters. */
  longestName: number;
}

/**
 * How `html` will nest as htmlparser2 (and so linkedom) builds it, and its longest tag name, in time
 * linear in the page. Stops reading once the depth passes `stopAbove`.
 */
export function readTags(html: string, stopAbove = Infinity): TagShape {
  const stack = new OpenElements();
  let longestName = 0;
  const name = (start: number, end: number) => {
    longestName = Math.max(longestName, end - start);
    return html.slice(start, end).toLowerCase();
  };
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      stack.open(name(start, end));
      if (stack.depth > stopAbove) tokenizer.pause();
    },
    onclosetag: (start, end) => stack.close(name(start, end)),
    onselfclosingtag: () => stack.selfClose(),
    onattribdata: ignore,
    onattribentity: ignore,
    onattribend: ignore,
    onattribname: ignore,
    oncdata: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onopentagend: ignore,
    onprocessinginstruction: ignore,
    ontext: ignore,
    ontextentity: ignore,
  };
  const tokenizer = new Tokenizer({ xmlMode: false, decodeEntities: false }, callbacks);
  tokenizer.write(html);
  if (stack.depth <= stopAbove) tokenizer.end();
  return { depth: stack.deepest, longestName };
}

/** The deepest nesting of elements in `html` as linkedom will build it (see `readTags`). */
export function tagDepth(html: string, stopAbove = Infinity): number {
  return readTags(html, stopAbove).depth;
}
