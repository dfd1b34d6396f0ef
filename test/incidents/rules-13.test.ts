/** The rules of incidents-13: why the wrong place was taken — names cut short, kinds of place after a name, a country named for its people or its bases, a vessel's name, and a site named in passing. */
import { describe, expect, it } from 'vitest';
import { createGazetteer, extractReports } from '../../src/incidents/index.js';
import { article, gazetteer, only } from '../helpers/invented-incidents.js';

const places = (text: string) => {
  const r = only(text);
  return [r.place, ...r.otherPlaces].map((p) => p?.value);
};

describe('names read whole', () => {
  it('keeps a name joined by "ez-", "es-", "ed-" and the like ("Tell ez-Zahra"), not its first word alone', () => {
    expect(only('Six people are killed in a strike on Tell ez-Zahra, Armenia.').place?.value).toBe('Tell ez-Zahra');
    expect(only('A bomb explodes on a bus in Ras es-Sahel Governorate, killing four.').place?.value).toBe('Ras es-Sahel Governorate');
  });

  it('reads a checkpoint, crossing or junction written after a name as a site', () => {
    expect(only('Two guards are killed in a shooting at the Varosh checkpoint by an unknown gunman.').place).toMatchObject({ value: 'Varosh checkpoint', specificity: 'site' });
    expect(only('A second blast hit the Orlen junction in Dunmere an hour later.').place?.value).toBe('Orlen junction');
  });

  it('keeps a commune, municipality, state or county written after a name, but not "state" before an institution', () => {
    expect(only('Militants attack the Vessan commune, killing 12 civilians.').place?.value).toBe('Vessan commune');
    expect(only('Air force jets strike rebel positions in the Korval state, killing 17.').place?.value).toBe('Korval state');
    const r = only('A Dunmere state police captain said gunmen attacked a convoy, killing three.');
    expect(r.place?.value).not.toBe('Dunmere state');
  });

  it('reads a border between two named places as a place, but "the Dunmere border" as Dunmere', () => {
    expect(only('Clashes between the two armies intensified along the Karvan-Dunmere border on Sunday, killing four.').place?.value).toBe('Karvan-Dunmere border');
    expect(only('Militants attacked a farm near the Dunmere border, killing two.').place?.value).toBe('Dunmere');
  });

  it('reads a name ending like a people\'s word as a place after "the village of" or before "area"', () => {
    // "-i", "-an" endings read as a people's word ("Israeli", "Kurdistani") unless a kind of place says otherwise.
    expect(only('The governor said residents of the village of Solvari will be evacuated after the shelling late Wednesday.').place?.value).toBe('Solvari');
    expect(only('The defence ministry reports that a drone has hit the Tarvani area near the border.').place?.value).toBe('Tarvani area');
  });
});

describe('names that are not where it happened', () => {
  it('does not take a country named for its military or officials, with "\'s" too, for the place', () => {
    expect(places("Armenia's military said the airstrike on the capital killed a commander.")).toEqual([undefined]);
    expect(places('Gunmen attacked U.S. bases across the Middle East, killing two soldiers.')).toEqual(['Middle East']);
  });

  it('does not take a name an armed force is named by for the place ("Varosh forces")', () => {
    expect(only('Rebels claim victory over Varosh forces after heavy fighting erupted early Thursday in the Tamsa area.').place?.value).toBe('Tamsa area');
  });

  it('does not take a vessel\'s name written after "ships," for a place', () => {
    expect(only('The company says one of its container ships, Dunmere, was attacked yesterday while transiting through the Strait of Hormuz.').place?.value).toBe('Strait of Hormuz');
  });

  it('does not take a sentence\'s first word before "of" for a town of that name', () => {
    const withMost = createGazetteer([{ name: 'Most', country: 'CZ', lat: 50.5, lon: 13.6, population: 66_000 }]);
    const [r] = extractReports(article("Most of Wednesday's strikes were in crowded areas, killing nine, the army said."), { gazetteer: withMost });
    expect(r?.place).toBeNull();
  });

  it('prefers a town inside the country struck to a site of it named in passing', () => {
    const g = createGazetteer([
      { name: 'Tarsa', country: 'AM', lat: 40.1, lon: 44.5, population: 1_000_000 },
      { name: 'Velin', country: 'AM', lat: 40.2, lon: 44.4, population: 1_200_000 },
    ]);
    const [r] = extractReports(article('Militants launch drone attacks on Armenia, killing a man in Tarsa and forcing the closure of Velin International Airport.'), { gazetteer: g });
    expect(r?.place?.value).toBe('Tarsa');
  });
});

it('leaves the place of the test sentences of the rules before unchanged', () => {
  expect(extractReports(article('Rockets hit Dunmere on Sunday, killing two.'), { gazetteer })[0]?.place?.value).toBe('Dunmere');
});

describe('single stories: what is said of an attack, not a report of it', () => {
  const none = (text: string, published?: string) => expect(extractReports(article(text, published), { gazetteer })).toEqual([]);

  it('passes over an attack only denied, doubted or said unproven', () => {
    none('The government in Karvan has denied involvement in the explosion, calling the reports a provocation.');
    none('The president said there was no evidence of an intentional attack on his country.');
    none('One analyst said he doubted Karvan deliberately attacked Dunmere.');
    none('Officials said the missile responsible for the strike was not fired from Karvan.');
  });

  it('keeps a denial told beside a claim of responsibility, or with a figure of harm', () => {
    expect(extractReports(article('Karvan has denied any involvement in the strikes on the Dunmere refinery, but rebels claimed responsibility.'), { gazetteer })).toHaveLength(1);
    expect(only('Karvan denied involvement in the bombing in Dunmere that killed 12 people on Sunday.').killed?.value).toBe(12);
  });

  it('reads missiles fired to the waters, or told by their flight range, or "tests of weapons", as a test', () => {
    none('The northern state fired two short-range ballistic missiles from the Tamsa area of Varosh Province to the waters off the eastern coast, the joint chiefs said on Sunday.');
    none('The joint chiefs reported the missiles launched early Sunday morning had a flight range of about 350 kilometers.');
    none('The northern state on Tuesday fired an intermediate-range ballistic missile over Dunmere, escalating tests of weapons designed to strike its neighbours.');
  });

  it('passes over what a weapon could do, an event named only as the time since, and fighting told as a state', () => {
    none('A larger warhead like that – if it is detonated in a big city – can kill 100,000 people or more.');
    none('The president had not spoken to his counterpart since the Dunmere missile strike, an aide said.');
    none('So-called "dumb bombs" are being dropped in Dunmere, causing devastation to homes.');
    none('The area around the Karvan hospital has been under constant gunfire and bombings, the agency chief said.');
  });

  it('keeps a town that "came under" shelling, and an attack since which a toll is counted told with its place', () => {
    expect(only('Residents said the northern town of Dunmere came under heavy militia shelling.').place?.value).toBe('Dunmere');
    expect(only('Since the attack hit the Karvan market on Sunday, 14 people have died of their wounds.').place?.value).toBe('Karvan');
  });
});
