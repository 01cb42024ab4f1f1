import { describe, expect, it } from 'vitest';
import { listAddressProblem } from './address.ts';

describe('listAddressProblem', () => {
  it('lets a public https address through', () => {
    expect(listAddressProblem('https://lists.example.org/veneer/no-crypto.json')).toBeNull();
    expect(listAddressProblem('https://93.184.215.14/list.json')).toBeNull();
    expect(listAddressProblem('https://[2606:4700::1111]/list.json')).toBeNull();
  });

  it('refuses what is not https, not an address, or carries credentials', () => {
    expect(listAddressProblem('http://lists.example.org/a.json')).toMatch(/https only, not http/);
    expect(listAddressProblem('ftp://lists.example.org/a.json')).toMatch(/https only/);
    expect(listAddressProblem('lists.example.org/a.json')).toMatch(/is not an address/);
    expect(listAddressProblem('https://user:pw@lists.example.org/a.json')).toMatch(/user name or password/);
  });

  it('refuses loopback, private, link-local, CGNAT and local names, IPv4 inside IPv6 included', () => {
    for (const [address, why] of [
      ['https://127.0.0.1/a.json', /loopback/],
      ['https://10.1.2.3/a.json', /private/],
      ['https://192.168.1.1/a.json', /private/],
      ['https://172.16.0.5/a.json', /private/],
      ['https://169.254.169.254/latest/meta-data', /link-local/],
      ['https://100.64.0.1/a.json', /carrier-grade NAT/],
      ['https://[::1]/a.json', /loopback/],
      ['https://[fd00::1]/a.json', /unique local/],
      ['https://[fe80::1]/a.json', /link-local/],
      ['https://[::ffff:10.0.0.1]/a.json', /private/],
      ['https://0.0.0.0/a.json', /unspecified/],
      ['https://localhost/a.json', /local name/],
      ['https://router.local/a.json', /local name/],
      ['https://db.internal/a.json', /local name/],
    ] as const)
      expect(listAddressProblem(address), address).toMatch(why);
  });

  it("trusts the origins it is given (the person's own Veneer server)", () => {
    expect(listAddressProblem('http://127.0.0.1:8787/v1/lists/abc', ['http://127.0.0.1:8787'])).toBeNull();
    expect(listAddressProblem('http://127.0.0.1:9999/v1/lists/abc', ['http://127.0.0.1:8787'])).toMatch(
      /https only/,
    );
  });
});
