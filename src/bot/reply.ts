/** What every message the bot sends shares. */
import type { MessageMentionOptions } from 'discord.js';

/** Nothing in a question or an article may ping anyone: no @everyone, @here, role, user or replied-to author. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

export const APOLOGY = 'Sorry, something went wrong while answering. Please try again in a moment.';
export const RESTARTING = 'Sitrep is restarting. Please ask again in a minute.';
