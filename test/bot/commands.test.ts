import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isCommand } from '../../src/bot/command.js';
import { loadCommands } from '../../src/bot/load-commands.js';
import { mayReindex } from '../../src/bot/commands/reindex.js';
import { PermissionsBitField, PermissionFlagsBits, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commandType } from '../../src/bot/command.js';

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('command loader', () => {
  it('loads one command per file under src/bot/commands: the slash commands and the "Ask Sitrep" message menu', async () => {
    const commands = await loadCommands();
    expect(commands.map((c) => c.data.name).sort()).toEqual(['Ask Sitrep', 'about', 'add', 'ask', 'help', 'latest', 'reindex', 'remove', 'sources', 'timeline']);
    expect(commands.filter((c) => commandType(c) === 3).map((c) => c.data.name)).toEqual(['Ask Sitrep']);
    const ask = commands.find((c) => c.data.name === 'ask')!.data.toJSON() as RESTPostAPIChatInputApplicationCommandsJSONBody;
    expect(ask.options?.map((o) => [o.name, o.required ?? false])).toEqual([
      ['question', true],
      ['as_of', false],
      ['private', false],
    ]);
  });

  it('refuses a module that is not a command, naming the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-commands-'));
    temps.push(dir);
    fs.writeFileSync(path.join(dir, 'broken.ts'), 'export const data = { name: "broken" };\n');
    await expect(loadCommands(dir)).rejects.toThrow(/broken\.ts is not a command/);
  });

  it('tells a command from other values by its shape', () => {
    const data = { name: 'x', toJSON: () => ({ name: 'x', description: 'x' }) };
    expect(isCommand({ data, execute: async () => undefined })).toBe(true);
    expect(isCommand({ data })).toBe(false);
    expect(isCommand({ data, execute: async () => undefined, buttonPrefix: 'x:' })).toBe(false);
    expect(isCommand(null)).toBe(false);
  });
});

describe('who may re-index', () => {
  const as = (id: string, permissions: bigint | null) => ({
    user: { id } as never,
    memberPermissions: permissions === null ? null : new PermissionsBitField(permissions),
  });

  it('allows Manage Server and the owners, refuses everyone else', () => {
    const config = { OWNER_IDS: ['111111111111111111'] };
    expect(mayReindex(as('222222222222222222', PermissionFlagsBits.ManageGuild), config)).toBe(true);
    expect(mayReindex(as('111111111111111111', null), config)).toBe(true);
    expect(mayReindex(as('222222222222222222', PermissionFlagsBits.SendMessages), config)).toBe(false);
    expect(mayReindex(as('222222222222222222', null), config)).toBe(false);
  });
});
