import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../src/bot/is-question.js';
import { routeGuildMessage, type GuildMessageFacts } from '../../src/bot/message-route.js';
import { threadName } from '../../src/bot/message-answer.js';

const BOT = '1100000000000000099';
const ASK = '1100000000000000003';
const facts = (over: Partial<GuildMessageFacts>): GuildMessageFacts => ({
  botId: BOT,
  authorId: '1100000000000000500',
  authorIsBot: false,
  system: false,
  content: '',
  channelId: '1100000000000000002',
  thread: null,
  ...over,
});
const plain = { ASK_IN_THREADS: false, ASK_CHANNEL_IDS: [ASK] };
const threads = { ASK_IN_THREADS: true, ASK_CHANNEL_IDS: [ASK] };

describe('which server messages are questions', () => {
  it('takes the text of a mention without the mention, wherever it stands', () => {
    expect(routeGuildMessage(facts({ content: `<@${BOT}> how many attacks since Oct 17?` }), plain)).toEqual({
      kind: 'question',
      text: 'how many attacks since Oct 17?',
      thread: false,
      via: 'mention',
    });
    expect(routeGuildMessage(facts({ content: `Who claimed it, <@!${BOT}>?` }), plain)).toMatchObject({ text: 'Who claimed it, ?' });
    // Other mentions stay: they may be part of the question.
    expect(routeGuildMessage(facts({ content: `<@${BOT}> what did <@123456789012> report?` }), plain)).toMatchObject({ text: 'what did <@123456789012> report?' });
  });

  it('answers a bare mention with the short help', () => {
    expect(routeGuildMessage(facts({ content: `<@${BOT}>` }), plain)).toEqual({ kind: 'help' });
    expect(routeGuildMessage(facts({ content: ` <@${BOT}>  !! ` }), plain)).toEqual({ kind: 'help' });
  });

  it('opens a thread on a mention with ASK_IN_THREADS, but not from inside a thread', () => {
    expect(routeGuildMessage(facts({ content: `<@${BOT}> who claimed it?` }), threads)).toMatchObject({ thread: true });
    const inThread = facts({ content: `<@${BOT}> who claimed it?`, thread: { ownerId: '1', parentId: '2' } });
    expect(routeGuildMessage(inThread, threads)).toMatchObject({ thread: false, via: 'mention' });
  });

  it('takes follow-ups in threads the bot started, only with ASK_IN_THREADS', () => {
    const followUp = facts({ content: 'And who claimed it?', thread: { ownerId: BOT, parentId: '1100000000000000002' } });
    expect(routeGuildMessage(followUp, threads)).toEqual({ kind: 'question', text: 'And who claimed it?', thread: false, via: 'thread' });
    expect(routeGuildMessage(followUp, plain)).toBeNull();
    expect(routeGuildMessage({ ...followUp, thread: { ownerId: '1100000000000000500', parentId: '1100000000000000002' } }, threads)).toBeNull();
    expect(routeGuildMessage({ ...followUp, content: 'thanks!' }, threads)).toBeNull();
  });

  it('takes questions in ask channels and threads inside them, and nothing elsewhere', () => {
    expect(routeGuildMessage(facts({ content: 'How many attacks since Oct 17?', channelId: ASK }), plain)).toMatchObject({ via: 'channel', thread: false });
    expect(routeGuildMessage(facts({ content: 'How many attacks since Oct 17?', channelId: ASK }), threads)).toMatchObject({ via: 'channel', thread: true });
    expect(routeGuildMessage(facts({ content: 'Who claimed it?', thread: { ownerId: '5', parentId: ASK } }), threads)).toMatchObject({ via: 'channel', thread: false });
    expect(routeGuildMessage(facts({ content: 'How many attacks since Oct 17?' }), plain)).toBeNull();
  });

  it('never takes a message by a bot, itself, or Discord', () => {
    expect(routeGuildMessage(facts({ content: `<@${BOT}> who?`, authorIsBot: true }), plain)).toBeNull();
    expect(routeGuildMessage(facts({ content: 'How many attacks?', channelId: ASK, authorId: BOT }), plain)).toBeNull();
    expect(routeGuildMessage(facts({ content: 'How many attacks?', channelId: ASK, system: true }), plain)).toBeNull();
  });
});

describe('what counts as a question', () => {
  it.each([
    'How many attacks since Oct 17?',
    'who claimed the Erbil strike',
    'drone attacks Ain al-Asad',
    'Erbil?',
    'كم عدد الهجمات على القاعدة؟',
    'as of 6 Dec 2023: how many attacks?',
  ])('takes %j', (text) => expect(looksLikeQuestion(text)).toBe(true));

  it.each([
    'thanks',
    'Thank you so much!',
    'thanks for the answer',
    'hi everyone',
    'good morning',
    'lol',
    'ok 👍',
    '👍',
    '<:pepe:123456789012345678>',
    'https://example.com/news/story.html',
    '<@123456789012345678>',
    '',
    '???',
  ])('ignores %j', (text) => expect(looksLikeQuestion(text)).toBe(false));
});

describe('thread names', () => {
  it('are one plain line of at most 100 characters', () => {
    expect(threadName('How many\nattacks\u202e since Oct 17?')).toBe('How many attacks since Oct 17?');
    const long = threadName('word '.repeat(60));
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long.endsWith('…')).toBe(true);
  });
});
