/** `npm run register`: deploys the slash commands, to GUILD_ID when set (instant), else globally. */
import { REST, Routes } from 'discord.js';
import { commandType } from '../src/bot/command.js';
import { loadCommands } from '../src/bot/load-commands.js';
import { loadConfig } from '../src/config.js';
import { runMain } from './cli.js';

await runMain(async () => {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    console.error(
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register commands: see "Discord setup" in the README (README.md#discord-setup).',
    );
    return 1;
  }
  const commands = await loadCommands();
  const body = commands.map((c) => c.data.toJSON());
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const route = config.GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  await rest.put(route, { body });
  // Slash commands as /name; message context-menu commands by their menu entry.
  const names = commands.map((c) => (commandType(c) === 3 ? `"${c.data.name}" (message menu)` : `/${c.data.name}`)).join(', ');
  console.log(
    config.GUILD_ID
      ? `Registered ${commands.length} commands (${names}) in server ${config.GUILD_ID}; they are usable now.`
      : `Registered ${commands.length} commands (${names}) globally; Discord may take a few minutes to show them everywhere.`,
  );
  return 0;
});
