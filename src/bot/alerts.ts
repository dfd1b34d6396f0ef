/**
 * Alerts: with ALERT_CHANNEL_IDS set, each new story the corpus takes in is posted once to those
 * channels: its lead sentence quoted, its citation, and "also reported by …", edited in as more
 * outlets bring the same story (recognised by text: see stories.ts).
 *
 * New articles are found where every way of adding them ends: a new index. `npm run ingest` (run
 * apart), the feed poller, /add and /reindex all publish a new generation, which the bot loads; on
 * each, the articles not seen before are taken in. The first start only records what the corpus
 * holds (no flood of old news). State lives in ALERT_STATE_FILE, written whole by rename; stories
 * are kept for a week, past which a report cannot join them anyway.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Client } from 'discord.js';
import { resolveDir } from '../config.js';
import type { ArticleInfo } from '../sitrep.js';
import { readLead } from './article-lead.js';
import type { BotContext } from './command.js';
import { alertEmbed } from './format/alert-embed.js';
import { NO_MENTIONS } from './reply.js';
import { findStory, type Story } from './stories.js';
import { sketch, storyTerms } from './story-sketch.js';

const STATE_VERSION = 1;
const KEEP_STORIES_MS = 7 * 86_400_000;
const HOUR_MS = 3600_000;

interface AlertState {
  v: typeof STATE_VERSION;
  /** Articles (SourceRef files) already taken in. */
  seen: string[];
  stories: Story[];
  /** Times (ms) of the alerts posted in the last hour, by channel. */
  posted: Record<string, number[]>;
}

export interface AlertOutcome {
  /** New stories posted (to at least one channel). */
  posted: number;
  /** Reports that joined a story already alerted. */
  joined: number;
  /** New stories not posted anywhere because of ALERT_MAX_PER_HOUR. */
  heldBack: number;
}

export class AlertKeeper {
  private state: AlertState | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly file: string;
  private readonly now: () => number;

  constructor(
    private readonly ctx: BotContext,
    private readonly client: Client,
    options: { now?: () => number } = {},
  ) {
    this.file = resolveDir(ctx.config.ALERT_STATE_FILE);
    this.now = options.now ?? Date.now;
  }

  /** Loads the state; on the first start, records the corpus as seen. Then takes in what is new. */
  start(): Promise<AlertOutcome> {
    return this.check();
  }

  /** Takes in the articles of the current index not seen before. Runs one at a time; never throws. */
  check(): Promise<AlertOutcome> {
    const next = this.running.then(() => this.run()).catch((err: unknown) => {
      this.ctx.logger.error({ err }, 'alerts failed; they are tried again with the next index');
      return { posted: 0, joined: 0, heldBack: 0 };
    });
    this.running = next;
    return next;
  }

  private async run(): Promise<AlertOutcome> {
    const outcome: AlertOutcome = { posted: 0, joined: 0, heldBack: 0 };
    const current = this.ctx.sitrep.sources();
    const state = this.state ?? (await this.load());
    if (!state) {
      this.state = { v: STATE_VERSION, seen: current.map((a) => a.file), stories: [], posted: {} };
      await this.save();
      this.ctx.logger.info({ articles: current.length }, 'alerts: first start, the corpus so far is recorded as seen');
      return outcome;
    }
    this.state = state;
    const seen = new Set(state.seen);
    const fresh = current.filter((a) => !seen.has(a.file)).sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999'));
    for (const article of fresh) {
      const result = await this.takeIn(article);
      if (result === 'posted') outcome.posted++;
      else if (result === 'joined') outcome.joined++;
      else if (result === 'held') outcome.heldBack++;
    }
    state.seen = current.map((a) => a.file);
    const cutoff = this.now() - KEEP_STORIES_MS;
    state.stories = state.stories.filter((s) => Date.parse(s.at) >= cutoff);
    await this.save();
    if (fresh.length > 0) this.ctx.logger.info({ articles: fresh.length, ...outcome }, 'alerts: new articles taken in');
    return outcome;
  }

  private async takeIn(article: ArticleInfo): Promise<'posted' | 'joined' | 'held' | 'skipped'> {
    const state = this.state!;
    const lead = await readLead(resolveDir(this.ctx.config.CORPUS_DIR), article.file, this.ctx.config.MAX_FILE_BYTES);
    if (!lead) return 'skipped';
    const at = new Date(this.now()).toISOString();
    const sig = sketch(storyTerms(article.title, lead.lead));
    const report = { file: article.file, title: article.title, source: article.source, published: article.published, url: article.url };
    const story = findStory(state.stories, sig, article.published, at);
    if (story) {
      const before = alertEmbed(story).toJSON().description;
      story.reports.push(report);
      // Only a new outlet changes what the alert says.
      if (alertEmbed(story).toJSON().description !== before) await this.edit(story);
      return 'joined';
    }
    const created: Story = { id: randomBytes(6).toString('hex'), sig, at, sentence: lead.sentence, reports: [report], messages: {} };
    state.stories.push(created);
    return (await this.post(created)) ? 'posted' : 'held';
  }

  /** Posts a new story to every alert channel with room left this hour; true when it went anywhere. */
  private async post(story: Story): Promise<boolean> {
    const state = this.state!;
    let anywhere = false;
    for (const channelId of this.ctx.config.ALERT_CHANNEL_IDS) {
      const recent = (state.posted[channelId] ?? []).filter((t) => t > this.now() - HOUR_MS);
      if (recent.length >= this.ctx.config.ALERT_MAX_PER_HOUR) {
        this.ctx.logger.warn({ channel: channelId, story: story.reports[0]!.title, max: this.ctx.config.ALERT_MAX_PER_HOUR }, 'alert held back: ALERT_MAX_PER_HOUR reached');
        state.posted[channelId] = recent;
        continue;
      }
      try {
        const channel = await this.client.channels.fetch(channelId);
        if (!channel?.isSendable()) throw new Error('not a channel the bot can post in');
        const message = await channel.send({ embeds: [alertEmbed(story)], allowedMentions: NO_MENTIONS });
        story.messages[channelId] = message.id;
        recent.push(this.now());
        anywhere = true;
      } catch (err) {
        this.ctx.logger.error({ err, channel: channelId }, 'could not post an alert');
      }
      state.posted[channelId] = recent;
    }
    return anywhere;
  }

  private async edit(story: Story): Promise<void> {
    for (const [channelId, messageId] of Object.entries(story.messages)) {
      try {
        const channel = await this.client.channels.fetch(channelId);
        if (!channel?.isTextBased()) continue;
        await channel.messages.edit(messageId, { embeds: [alertEmbed(story)], allowedMentions: NO_MENTIONS });
      } catch (err) {
        this.ctx.logger.warn({ err, channel: channelId, message: messageId }, 'could not update an alert');
      }
    }
  }

  private async load(): Promise<AlertState | null> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as AlertState;
      if (parsed?.v === STATE_VERSION && Array.isArray(parsed.seen) && Array.isArray(parsed.stories)) return { ...parsed, posted: parsed.posted ?? {} };
      this.ctx.logger.warn({ file: this.file }, 'alert state of another version: starting afresh');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.ctx.logger.warn({ err, file: this.file }, 'alert state unreadable: starting afresh');
    }
    return null;
  }

  private async save(): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(this.state));
    await fs.rename(tmp, this.file);
  }
}
