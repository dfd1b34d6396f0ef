import { describe, expect, it } from 'vitest';
import { articleFromHtml, extractHtml, parseCorpusFile, shortHash } from '../../src/corpus/index.js';

const parse = (file: string, text: string) => parseCorpusFile(file, Buffer.from(text, 'utf8'));

describe('Markdown files', () => {
  it('reads title, source, date and url from YAML front matter', () => {
    const { articles, skipped } = parse(
      'news/strike.md',
      '---\ntitle: "Drone hits base"\nsource: Reuters\npublished: 2024-01-05T10:00:00Z\nurl: https://example.com/strike\n---\n\nA drone hit a base on Friday.\n\nNo one was hurt.\n',
    );
    expect(skipped).toEqual([]);
    expect(articles).toEqual([
      {
        id: shortHash('A drone hit a base on Friday.\n\nNo one was hurt.'),
        file: 'news/strike.md',
        title: 'Drone hits base',
        source: 'Reuters',
        published: '2024-01-05',
        url: 'https://example.com/strike',
        text: 'A drone hit a base on Friday.\n\nNo one was hurt.',
      },
    ]);
  });

  it('takes the title from the first # heading when front matter has none, and reduces Markdown to plain text', () => {
    const { articles } = parse('a.markdown', '# Rocket *attack* on port\n\nRockets hit the [port](https://x.test) on **Monday**.\n\n## Damage\n\n> Two cranes burned, the `harbour` master said.\n');
    expect(articles[0].title).toBe('Rocket attack on port');
    expect(articles[0].text).toBe('Rockets hit the port on Monday.\n\nDamage\n\nTwo cranes burned, the harbour master said.');
  });

  it('keeps snake_case words and lone asterisks intact', () => {
    const { articles } = parse('b.md', '---\ntitle: T\n---\nThe file_name_here field and 2 * 3 = 6 stay.');
    expect(articles[0].text).toBe('The file_name_here field and 2 * 3 = 6 stay.');
  });
});

describe('text files', () => {
  it('uses the first non-empty line as the title and the rest as the text', () => {
    const { articles } = parse('t.txt', '\n\nShelling in the north\n\nShells fell on the town overnight.\nTwo houses were hit.\n');
    expect(articles[0]).toMatchObject({ title: 'Shelling in the north', text: 'Shells fell on the town overnight.\nTwo houses were hit.' });
    expect(articles[0].published).toBeUndefined();
  });

  it('accepts front matter too', () => {
    const { articles } = parse('t.txt', '---\ntitle: Given title\nsource: AP\ndate: 3 March 2022\n---\nBody line one.\n');
    expect(articles[0]).toMatchObject({ title: 'Given title', source: 'AP', published: '2022-03-03', text: 'Body line one.' });
  });

  it('accepts a UTF-8 byte order mark and CRLF line endings', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Title here\r\n\r\nThe text.\r\n')]);
    const { articles } = parseCorpusFile('bom.txt', bytes);
    expect(articles[0]).toMatchObject({ title: 'Title here', text: 'The text.' });
  });
});

const page = `<!doctype html><html><head>
<title>Strike hits depot | Daily News</title>
<meta property="og:title" content="Strike hits fuel depot">
<meta property="og:site_name" content="Daily News">
<meta property="article:published_time" content="2024-01-05T08:00:00+03:00">
<link rel="canonical" href="/world/strike">
<script>globalThis.__sitrepScriptRan = true;</script>
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-01"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strike hits fuel depot</h1>
<p>A drone struck a fuel depot near the border on Friday, officials said. The fire burned for hours before crews could reach it.</p>
<p>No one was hurt, according to the <b>local</b> governor.<br>Firefighters put out the blaze by evening.</p>
<p>The depot supplies the region's power stations, and officials warned of shortages in the coming week if repairs take long.</p>
</article>
<footer>Share this · Related Articles</footer>
</body></html>`;

describe('HTML files', () => {
  it('extracts the story with its paragraphs and the page metadata, without running scripts', () => {
    const page1 = extractHtml(page, { url: 'https://news.example/x?utm=1' });
    expect(page1).toMatchObject({
      title: 'Strike hits fuel depot',
      source: 'Daily News',
      published: '2024-01-05',
      url: 'https://news.example/world/strike',
    });
    expect(page1.body).toContain('officials said. The fire burned');
    expect(page1.body).toContain("governor.\nFirefighters");
    expect(page1.body).not.toContain('Home');
    expect((globalThis as Record<string, unknown>).__sitrepScriptRan).toBeUndefined();
  });

  it('builds one article whose text starts with the story, not the repeated headline', () => {
    const { articles, skipped } = parse('page.html', page);
    expect(skipped).toEqual([]);
    expect(articles).toHaveLength(1);
    expect(articles[0].text.startsWith('A drone struck a fuel depot')).toBe(true);
    expect(articles[0].text.split('\n\n')).toHaveLength(3);
    expect(articles[0].url).toBeUndefined();
  });

  it('falls back to JSON-LD and <time> for the date, <title> for the title, and the given url', () => {
    const html = `<html><head><title>Quiet night in the capital</title>
      <script type="application/ld+json">[{"@graph":[{"@type":"NewsArticle","datePublished":"not a date"}]}]</script></head>
      <body><p>Residents reported a quiet night for the first time in weeks.</p><time datetime="2023-11-30">Nov 30</time></body></html>`;
    const { articles } = articleFromHtml(html, 'https://news.example/quiet', { url: 'https://news.example/quiet' });
    expect(articles[0]).toMatchObject({ title: 'Quiet night in the capital', published: '2023-11-30', url: 'https://news.example/quiet' });
  });

  it('reads the publisher from JSON-LD when the page names no site', () => {
    const html = `<html><head><title>T1</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Headline from data","datePublished":"2022-05-04T10:00:00Z","publisher":{"@type":"Organization","name":"Wire Service"}}</script></head>
      <body><p>One sentence of story text that is long enough to count.</p></body></html>`;
    expect(extractHtml(html)).toMatchObject({ title: 'Headline from data', source: 'Wire Service', published: '2022-05-04' });
  });

  it('skips a page with no text', () => {
    expect(parse('empty.htm', '<html><head><title>Nothing</title></head><body><script>x()</script></body></html>').skipped).toEqual([
      { file: 'empty.htm', reason: 'no text after cleaning' },
    ]);
  });
});

describe('JSONL files', () => {
  it('reads one article per line, ignoring blank lines, and keeps each line number', () => {
    const jsonl = [
      JSON.stringify({ id: 'a1', title: 'First', source: 'AFP', published: '2023-10-17', url: 'https://x.test/1', text: 'Text one.' }),
      '',
      JSON.stringify({ id: 7, title: 'Second', text: 'Text two.' }),
    ].join('\n');
    const { articles, skipped } = parse('feed.jsonl', jsonl);
    expect(skipped).toEqual([]);
    expect(articles.map((a) => [a.line, a.title, a.published, a.text])).toEqual([
      [1, 'First', '2023-10-17', 'Text one.'],
      [3, 'Second', undefined, 'Text two.'],
    ]);
    expect(articles[0].id).toBe(shortHash('Text one.'));
  });

  it('skips each bad line with its line number and keeps the good ones', () => {
    const jsonl = [
      '{"title":"Good","text":"Fine text."}',
      '{"title":"Broken", "text": ',
      '["not", "an", "object"]',
      '{"title":"No text"}',
      '{"title":"Bad date","text":"Some text.","published":"sometime"}',
      '{"text":"No title here."}',
      '{"title":"Bad id","text":"x","id":{"a":1}}',
      '{"title":"Good too","text":"More text."}',
    ].join('\n');
    const { articles, skipped } = parse('feed.jsonl', jsonl);
    expect(articles.map((a) => a.line)).toEqual([1, 8]);
    expect(skipped.map((s) => [s.file, s.line])).toEqual([2, 3, 4, 5, 6, 7].map((l) => ['feed.jsonl', l]));
    expect(skipped[0].reason).toMatch(/^invalid JSON \(/);
    expect(skipped[1].reason).toBe('expected a JSON object');
    expect(skipped[2].reason).toBe('missing text');
    expect(skipped[3].reason).toBe('invalid date "sometime": not a recognisable date (write it as YYYY-MM-DD)');
    expect(skipped[4].reason).toBe('missing title');
    expect(skipped[5].reason).toBe('id: expected a string or number');
  });
});
