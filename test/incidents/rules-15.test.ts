/** The rules of incidents-15: what single stories say of an attack only as the frame of something else — a war's start as a time, a what-if, a count so far, what the attacks caused. */
import { describe, expect, it } from 'vitest';
import { extractReports } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

const none = (text: string, published?: string) => expect(extractReports(article(text, published), { gazetteer })).toEqual([]);
const reportsOf = (text: string, published?: string) => extractReports(article(text, published), { gazetteer });

describe("a war's start told as a time", () => {
  it('passes over "since … attacked <country> on <day>" when nothing else is done', () => {
    none('The two leaders met on Sunday for the first time since Karvan forces attacked Armenia on Feb. 24.', '2025-03-09');
    none('"Everything changed for the alliance when Karvan attacked Armenia," the envoy said.', '2025-03-09');
  });

  it('passes over "when … bombs started falling" with no place they fell on', () => {
    none("Her shop had been open a month when Karvan's bombs began falling in the spring.", '2025-03-09');
  });

  it('keeps the attack when the sentence tells its harm, or a town is attacked', () => {
    expect(only('Since Karvan attacked Armenia on Feb. 24, killing 40 soldiers at the border, talks have stalled.', '2025-03-09').killed?.value).toBe(40);
    expect(only('Shops stayed shut on Monday, when militants attacked Dunmere with rockets.', '2025-03-09').place?.value).toBe('Dunmere');
  });
});

describe('what-ifs and idioms', () => {
  it('passes over an imagined attack', () => {
    none('She asked the audience to imagine what life would be like if Dunmere was shelled every night.');
  });

  it('passes over "in case disaster strikes"', () => {
    none('The minister was kept away from the hall on Tuesday in case disaster strikes.');
  });

  it('keeps a real strike told beside an "if"', () => {
    expect(only('A missile struck a depot in Dunmere on Tuesday, even if no one was hurt.').place?.value).toBe('Dunmere');
  });
});

describe('a count so far, or since a campaign began', () => {
  it('passes over a perfect toll counted "since … launched strikes on <day>" or "so far", day or not', () => {
    none('The ministry said 212 people had been killed since Karvan launched heavy strikes on Monday.');
    none('Officials said about 800 people had been killed in the strikes so far.');
  });

  it('keeps a toll of one strike', () => {
    expect(only('Six people were killed when Karvan struck a market in Dunmere on Monday.').killed?.value).toBe(6);
  });
});

describe('only what the attacks caused', () => {
  it('passes over what followed "As a result of the attacks," with no harm done', () => {
    none('As a result of the attacks, airlines cancelled every flight to Armenia on Saturday.');
  });

  it('passes over people displaced by a bombing campaign', () => {
    none('About 4,000 families were displaced by the bombing campaign launched by Karvan on Monday, the agency said.');
  });

  it('keeps harm told after "As a result of the attack,"', () => {
    expect(only('As a result of the attack, two people were killed in Dunmere on Monday.').killed?.value).toBe(2);
  });
});

describe('an attack on an idea, or in words', () => {
  it('passes over an attack on a value or an idea', () => {
    none('"This is an attack on the principle of a free Dunmere," the minister said on Monday.');
    none('The bishop called the fire at the chapel on Monday a deliberate attack on religious freedom.');
  });

  it('passes over words used against someone', () => {
    none('The senator attacked Governor Aldo in a speech on Friday.');
  });

  it('keeps an armed attack told beside one on an idea', () => {
    expect(only('Gunmen attacked a church in Dunmere on Sunday, killing three, in what the mayor called an attack on religious freedom.').killed?.value).toBe(3);
  });
});

describe('an attack only reacted to', () => {
  it('passes over an attack named only as what is blamed, condemned or answered', () => {
    none("Opposition leaders blamed the minister's policy for the attack and called for his resignation.");
    none('The minister said on Tuesday that Karvan would take no part in any response to Saturday\'s attack.');
    none('Several envoys who condemned the group over the Oct. 7 attack now call for talks.', '2025-03-09');
  });

  it('keeps the attack reacted to when its place is told, or a claim of it', () => {
    expect(reportsOf("Officials are weighing how to respond to Sunday's attack in Dunmere.")).toHaveLength(1);
    expect(reportsOf('Police blamed Karvan for the attack on Monday, though no group has claimed responsibility.')).toHaveLength(1);
  });

  it('keeps a strike told in response', () => {
    expect(only("Karvan struck a depot in Dunmere on Monday in response to Saturday's attack.").place?.value).toBe('Dunmere');
  });
});
