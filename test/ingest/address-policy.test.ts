import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../../src/ingest/index.js';
import { loadConfig } from '../../src/config.js';

describe('which addresses may be fetched', () => {
  const policy = createAddressPolicy();

  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.200.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
  ])('refuses %s as %s', (ip, why) => {
    expect(policy(ip)).toBe(why);
  });

  it('refuses other special-purpose ranges, naming them', () => {
    expect(policy('192.0.2.10')).toMatch(/special-purpose|reserved/);
    expect(policy('2002:a00:1::1')).toMatch(/special-purpose/);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (ip) => {
    expect(policy(ip)).toBeNull();
  });

  it('allows configured addresses and ranges, and only those', () => {
    const some = createAddressPolicy({ any: false, ranges: ['127.0.0.1', '10.20.0.0/16', 'fd00::/8'] });
    expect(some('127.0.0.1')).toBeNull();
    expect(some('::ffff:127.0.0.1')).toBeNull();
    expect(some('10.20.3.4')).toBeNull();
    expect(some('fd00::5')).toBeNull();
    expect(some('127.0.0.2')).toBe('loopback');
    expect(some('10.21.0.1')).toBe('private');
    expect(createAddressPolicy({ any: true, ranges: [] })('10.0.0.1')).toBeNull();
  });

  it('reads FETCH_ALLOW_PRIVATE as false by default, true, or a list, and names a bad entry', () => {
    expect(loadConfig({}).FETCH_ALLOW_PRIVATE).toEqual({ any: false, ranges: [] });
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: 'true' }).FETCH_ALLOW_PRIVATE).toEqual({ any: true, ranges: [] });
    expect(loadConfig({ FETCH_ALLOW_PRIVATE: '127.0.0.1, 10.0.0.0/8' }).FETCH_ALLOW_PRIVATE).toEqual({ any: false, ranges: ['127.0.0.1', '10.0.0.0/8'] });
    expect(() => loadConfig({ FETCH_ALLOW_PRIVATE: 'intranet' })).toThrow(/FETCH_ALLOW_PRIVATE: .*not intranet/);
    expect(() => loadConfig({ FEEDS: 'https://a.example/feed, ftp://b.example/x' })).toThrow(/FEEDS.*ftp:\/\/b\.example\/x/);
  });
});
