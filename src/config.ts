/**
 * The one reader of `process.env`. Every setting is validated here with zod, once; the rest of
 * Sitrep receives a typed `Config`. Invalid values give one error listing every bad key.
 */
import 'dotenv/config';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_READER_SENTENCES, DEFAULT_READER_WEIGHT } from './answer/reader-blend.js';
import { isTimeZone } from './time/days.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const num = (min: number, max: number) => z.coerce.number().min(min).max(max);

const idList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^\d{5,25}$/, 'a Discord user id (digits)')));

const channelList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^\d{5,25}$/, 'a Discord channel id (digits)')));

const urlList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(
    z.array(
      z.string().refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), {
        error: (issue) => `an http(s) URL, got ${JSON.stringify(issue.input)}`,
      }),
    ),
  );

/** `true`, `false`, or addresses and CIDR ranges (`127.0.0.1, 10.0.0.0/8`) that may be fetched even though private. */
const allowList = z.string().transform((s, ctx) => {
  const v = s.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return { any: true, ranges: [] as string[] };
  if (['false', '0', 'no'].includes(v)) return { any: false, ranges: [] as string[] };
  const ranges = v.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = ranges.filter((r) => !isIpOrCidr(r));
  if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `true, false, or IP addresses / CIDR ranges; not ${bad.join(', ')}` });
  return { any: false, ranges };
});

function isIpOrCidr(value: string): boolean {
  const [ip, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !ip || isIP(ip) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(ip) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/** Defaults are named here; `.env.example` documents each key. */
export const configSchema = z.object({
  CORPUS_DIR: z.string().min(1).default('corpus'),
  INDEX_DIR: z.string().min(1).default('data/index'),
  /** `glove` (offline default), a Hugging Face model id, or a local model folder. */
  EMBEDDING_MODEL: z.string().min(1).default('glove'),
  /** Where transformer models and the GloVe binary cache are kept. */
  MODEL_CACHE_DIR: z.string().min(1).default('data/models'),
  /** Sentences per passage, and how many sentences consecutive passages share. */
  PASSAGE_SENTENCES: int(1, 20).default(3),
  PASSAGE_OVERLAP: int(0, 19).default(1),
  /** Passages taken from each retriever before fusion, and passages whose sentences are ranked. */
  RETRIEVE_TOP_K: int(1, 1000).default(30),
  RERANK_TOP_K: int(1, 100).default(8),
  /** Weight of the normalised vector score in fusion; empty = the embedder's measured default. */
  FUSION_WEIGHT: num(0, 10).optional(),
  /** Expand question words with close GloVe neighbours found in the corpus. */
  QUERY_EXPANSION: bool.default(true),
  /** Answers whose confidence falls below this abstain; unset: the answer model's held-out threshold (0.35 without a model). */
  MIN_CONFIDENCE: num(0, 1).optional(),
  /** A learned answer-selection model file (`npm run train` writes models/answer-selection.json), or `none`: the hand-set ranking (the default; docs/learned-answers.md says why). */
  ANSWER_MODEL: z.string().min(1).default('none'),
  /** The learned span selector's model file (`npm run train -- --spans` writes models/span-selection.json), or `none`: the hand rules mark the span. */
  SPAN_MODEL: z.string().min(1).default('models/span-selection.json'),
  /**
   * Evaluation only: mark spans with the span model's fold-k model, trained without fold k's articles,
   * so that questions of its own training sets are scored held out (`npm run eval -- --squad` sets it per question fold).
   */
  SPAN_MODEL_FOLD: int(0, 99).optional(),
  /**
   * The learned answer/abstain model (`npm run train -- --answerability` writes models/answerability.json),
   * whose probability becomes the confidence and whose held-out threshold the default MIN_CONFIDENCE;
   * `none` (the default): the hand-set confidence. docs/learned-answers.md gives its figures.
   */
  ABSTAIN_MODEL: z.string().min(1).default('none'),
  /** Evaluation only: the answerability model's fold-k model, as SPAN_MODEL_FOLD is for spans. */
  ABSTAIN_MODEL_FOLD: int(0, 99).optional(),
  /**
   * The learned incident report filter (`npm run train -- --incident-reports` writes
   * models/incident-reports.json), applied after the extraction rules; `none`: the rules alone.
   * docs/incidents.md gives its figures.
   */
  INCIDENT_REPORT_MODEL: z.string().min(1).default('none'),
  /**
   * The learned incident sentence model (`npm run train -- --incident-sentences` writes
   * models/incident-sentences.json), deciding over every sentence the trigger filter passes in place
   * of the rules' gates, which it reads among its features; `none`: the rules alone. Off by default
   * until measured on unseen text; docs/incidents.md gives its figures.
   */
  INCIDENT_SENTENCE_MODEL: z
    .string()
    .min(1)
    .refine((v) => v === 'none' || v.endsWith('.json'), 'expected none or a model file (….json)')
    .default('none'),
  /**
   * An extractive question-answering model (a Hugging Face model id such as
   * Xenova/distilbert-base-cased-distilled-squad, or a local model folder) that reads the best-ranked
   * sentences to mark the span and join the confidence. Unset (the default): no reader, and the
   * transformers library is never loaded for it.
   */
  READER_MODEL: z.string().min(1).optional(),
  /** Best-ranked sentences the reader reads per question (one model pass each). */
  READER_SENTENCES: int(1, 20).default(DEFAULT_READER_SENTENCES),
  /** Share of the sentence order and of the confidence the reader decides (docs/quality.md, "Neural reader"). */
  READER_WEIGHT: num(0, 1).default(DEFAULT_READER_WEIGHT),
  /** IANA time zone in which "today", "yesterday" and "this week" are read, and a question's default as-of day. */
  TIME_ZONE: z
    .string()
    .min(1)
    .refine(isTimeZone, { message: 'an IANA time zone such as UTC or Europe/Paris' })
    .default('UTC'),
  HNSW_M: int(4, 128).default(16),
  HNSW_EF_CONSTRUCTION: int(10, 2000).default(100),
  HNSW_EF_SEARCH: int(10, 2000).default(100),
  /** Files larger than this many bytes are skipped. */
  MAX_FILE_BYTES: int(1, 1 << 30).default(5 * 1024 * 1024),
  /** A .ttf or .otf file the timeline chart's text is set in. Default: a font found in the system's font folders. */
  CHART_FONT_FILE: z.string().min(1).optional(),

  // Discord
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d{5,25}$/, 'a Discord application id (digits)').optional(),
  GUILD_ID: z.string().regex(/^\d{5,25}$/, 'a Discord server id (digits)').optional(),
  OWNER_IDS: idList.default([]),
  /** REST base without version; discord.js adds `/v10`. */
  DISCORD_API_URL: z.string().url().default('https://discord.com/api'),
  RATE_LIMIT_QUESTIONS: int(1, 10_000).default(5),
  RATE_LIMIT_WINDOW_SECONDS: int(1, 86_400).default(30),
  /**
   * Answers to mentions open a thread on the question, and later messages in that thread are
   * questions too (which needs the Message Content intent). Default false: a plain reply.
   */
  ASK_IN_THREADS: bool.default(false),
  /**
   * Channels where every message by a person is a question (small talk aside). Needs the Message
   * Content intent. Default: none.
   */
  ASK_CHANNEL_IDS: channelList.default([]),
  /** Answers sent, kept for the buttons under them (Sources, Earlier figures, votes, Post in channel). */
  ANSWERS_DIR: z.string().min(1).default('data/answers'),
  /** How long those buttons keep working; older answers say they are too old to expand. */
  ANSWER_KEEP_DAYS: int(1, 3650).default(30),
  /** Votes (👍/👎 under answers), one JSON line each in a file per day. */
  FEEDBACK_DIR: z.string().min(1).default('data/feedback'),
  /** Votes older than this are removed. */
  FEEDBACK_DAYS: int(1, 3650).default(90),
  /**
   * Key of the HMAC that stands for a voter in the stored votes (a plain hash of a user id could be
   * reversed from a server's member list). Unset: no vote buttons.
   */
  FEEDBACK_SECRET: z.string().min(16, 'at least 16 characters (e.g. `openssl rand -hex 32`)').optional(),
  /** Channels where each new story taken in (npm run ingest, the feed poller, /add) is posted once. Default: none. */
  ALERT_CHANNEL_IDS: channelList.default([]),
  /** Alerts posted per channel per hour at most; the rest are held back (and logged). */
  ALERT_MAX_PER_HOUR: int(1, 1000).default(10),
  /** Articles already seen and the stories of the last days, with the alerts posted for them. */
  ALERT_STATE_FILE: z.string().min(1).default('data/alerts.json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Shards run by `npm run start:shards`: `auto` (Discord's recommendation) or a number. (Not
   * SHARD_COUNT: discord.js reads that variable itself, as a number, in every client.)
   */
  TOTAL_SHARDS: z.union([z.literal('auto'), int(1, 10_000)]).default('auto'),

  // Ingestion (links and feeds)
  /** Comma-separated RSS or Atom feed URLs that `npm run ingest` and the bot's poller read. */
  FEEDS: urlList.default([]),
  /** The bot polls FEEDS this often; unset = no polling. */
  FEED_POLL_MINUTES: int(1, 7 * 24 * 60).optional(),
  /** Items read from one feed at a time, the newest; older ones are left out. */
  FEED_MAX_ITEMS: int(1, 10_000).default(200),
  /** Feed validators (ETag, Last-Modified), feed items already seen, and other URLs of stored articles. */
  INGEST_STATE_FILE: z.string().min(1).default('data/ingest-state.json'),
  /** `false` (default): private, loopback and link-local addresses are refused. `true`: any address. Or a list of addresses/CIDRs to allow. */
  FETCH_ALLOW_PRIVATE: allowList.default({ any: false, ranges: [] }),
  /** Each request (connection, headers and body) must finish within this many milliseconds. */
  FETCH_TIMEOUT_MS: int(100, 120_000).default(10_000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Empty strings mean "not set", as a blank line in `.env` would suggest. */
function dropEmpty(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out;
}

/** Validates an environment (default: `process.env`) and returns the config, or throws one error naming every bad key. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(dropEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Resolves a configured folder against the working directory. */
export function resolveDir(dir: string): string {
  return path.resolve(process.cwd(), dir);
}

/** The models ship with the code: a relative model setting is read from the package, wherever Sitrep runs. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
