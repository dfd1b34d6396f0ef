/** Discord ids: strings of a 64-bit number whose top bits are milliseconds since 2015 (discord.js reads them as BigInt). */
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return ((BigInt(at) - DISCORD_EPOCH) << 22n | increment).toString();
}
