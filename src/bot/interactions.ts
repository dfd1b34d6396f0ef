/**
 * Routes interactions to commands, with the one error handler: whatever a command throws is
 * logged with its context and answered with a short private apology, and the process goes on.
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import type { BotContext, Command } from './command.js';
import { APOLOGY, NO_MENTIONS, RESTARTING } from './reply.js';
import type { WorkTracker } from './work.js';

/** Tells the user privately, whatever state their interaction is in; never throws. */
export async function tellPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  try {
    if (interaction.deferred || interaction.replied) {
      await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    } else {
      await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    }
  } catch {
    // The interaction may have expired or been answered elsewhere; nothing more can be done for it.
  }
}

function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interaction: interaction.id,
    user: interaction.user.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
    command: interaction.isChatInputCommand() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
  };
}

export function createInteractionHandler(commands: Command[], ctx: BotContext, work: WorkTracker) {
  const byName = new Map(commands.map((c) => [c.data.name, c]));

  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      if (!command) {
        ctx.logger.warn(describe(interaction), 'unknown command (are the registered commands out of date? run npm run register)');
        await tellPrivately(interaction, 'I do not know that command.');
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      const command = commands.find((c) => c.buttonPrefix && interaction.customId.startsWith(c.buttonPrefix));
      await command?.onButton?.(interaction, ctx);
    }
  }

  return async (interaction: Interaction): Promise<void> => {
    if (work.closing) {
      if (interaction.isRepliable()) await tellPrivately(interaction, RESTARTING);
      return;
    }
    await work.run(async () => {
      const started = Date.now();
      try {
        await dispatch(interaction);
        ctx.logger.debug({ ...describe(interaction), ms: Date.now() - started }, 'interaction handled');
      } catch (err) {
        ctx.logger.error({ ...describe(interaction), err }, 'interaction failed');
        if (interaction.isRepliable()) await tellPrivately(interaction, APOLOGY);
      }
    });
  };
}
