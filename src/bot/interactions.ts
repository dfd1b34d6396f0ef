/**
 * Routes interactions to commands, with the one error handler: whatever a command throws is
 * logged with its context and answered with a short private apology, and the process goes on.
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { commandType, type BotContext, type ButtonHandler, type Command } from './command.js';
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
    command: interaction.isCommand() ? interaction.commandName : undefined,
    customId: interaction.isMessageComponent() ? interaction.customId : undefined,
  };
}

export const UNKNOWN_BUTTON = 'This button no longer does anything. Ask again to get a fresh answer.';

export function createInteractionHandler(commands: Command[], ctx: BotContext, work: WorkTracker, buttons: ButtonHandler[] = []) {
  const buttonHandlers: ButtonHandler[] = [
    ...buttons,
    ...commands.flatMap((c) => (c.buttonPrefix && c.onButton ? [{ prefix: c.buttonPrefix, onButton: c.onButton }] : [])),
  ];
  // A slash command and a context-menu command may share a name: they are told apart by type.
  const byKey = new Map(commands.map((c) => [`${commandType(c)}:${c.data.name}`, c]));

  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      const command = byKey.get(`${interaction.commandType}:${interaction.commandName}`);
      if (!command) {
        ctx.logger.warn(describe(interaction), 'unknown command (are the registered commands out of date? run npm run register)');
        await tellPrivately(interaction, 'I do not know that command.');
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      const handler = buttonHandlers.find((b) => interaction.customId.startsWith(b.prefix));
      if (handler) await handler.onButton(interaction, ctx);
      else await tellPrivately(interaction, UNKNOWN_BUTTON);
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
