/** Finds the slash commands: every module in `commands/`, each checked to have a command's shape. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isCommand, type Command } from './command.js';

export const COMMANDS_DIR = fileURLToPath(new URL('./commands/', import.meta.url));

export async function loadCommands(dir: string = COMMANDS_DIR): Promise<Command[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  const commands: Command[] = [];
  for (const file of files) {
    const mod: unknown = await import(pathToFileURL(path.join(dir, file)).href);
    if (!isCommand(mod)) {
      throw new Error(`${path.join(dir, file)} is not a command: it must export \`data\` (a SlashCommandBuilder) and \`execute\`.`);
    }
    if (commands.some((c) => c.data.name === mod.data.name)) {
      throw new Error(`${path.join(dir, file)}: a command named "${mod.data.name}" is already defined.`);
    }
    commands.push({ data: mod.data, execute: mod.execute, buttonPrefix: mod.buttonPrefix, onButton: mod.onButton });
  }
  return commands;
}
