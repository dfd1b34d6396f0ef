/**
 * Pages and feeds of an invented news site, written for these tests: every place, unit and incident
 * in them is made up. Each article page carries its metadata in a different form.
 */

const paragraphs = (ps: string[]) => ps.map((p) => `<p>${p}</p>`).join('\n');

const chrome = (body: string) => `
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/region">Region</a></nav></header>
<main><article>${body}</article></main>
<footer><p>Related Articles</p><a href="/about">About us</a></footer>`;

export const DEPOT = {
  title: 'Rockets Strike Kessel Fuel Depot Outside Marrow Creek',
  site: 'The Harbour Ledger',
  published: '2031-04-08',
  canonical: '/news/kessel-depot-rockets',
  question: 'How many rockets struck the Kessel fuel depot?',
  answer: 'Seven',
};

/** Open Graph and article:published_time meta tags, and a canonical link. */
export function depotPage(origin: string): string {
  return `<!doctype html><html><head>
<meta charset="utf-8">
<title>Rockets hit depot | The Harbour Ledger</title>
<meta property="og:title" content="${DEPOT.title}">
<meta property="og:site_name" content="${DEPOT.site}">
<meta property="article:published_time" content="${DEPOT.published}T21:40:00+02:00">
<link rel="canonical" href="${origin}${DEPOT.canonical}">
</head><body>${chrome(`<h1>${DEPOT.title}</h1>
${paragraphs([
  'Seven rockets struck the Kessel fuel depot outside Marrow Creek late on Tuesday, the regional security office said, setting two storage tanks on fire.',
  'Firefighters from three neighbouring districts worked through the night to stop the blaze from reaching a rail yard that lies beside the depot.',
  'No group had claimed the attack by Wednesday morning. The security office said the rockets were fired from farmland about twelve kilometres to the east.',
  'The depot supplies fuel to the coastal garrison at Port Veyra, which has been targeted four times since the start of March.',
])}`)}</body></html>`;
}

export const BRIDGE = {
  title: 'Drone Strike Destroys the Tolvan River Bridge',
  site: 'Northern Dispatch',
  published: '2031-05-02',
  canonical: '/stories/tolvan-bridge',
};

/** JSON-LD NewsArticle with headline, datePublished, publisher and url; no Open Graph tags. */
export function bridgePage(origin: string): string {
  const ld = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'Northern Dispatch' },
      {
        '@type': 'NewsArticle',
        headline: BRIDGE.title,
        datePublished: `${BRIDGE.published}T06:15:00Z`,
        publisher: { '@type': 'Organization', name: BRIDGE.site },
        url: `${origin}${BRIDGE.canonical}`,
      },
    ],
  };
  return `<!doctype html><html><head><title>Tolvan bridge</title>
<script type="application/ld+json">${JSON.stringify(ld)}</script></head><body>${chrome(`<h1>${BRIDGE.title}</h1>
${paragraphs([
  'A drone strike destroyed the Tolvan river bridge before dawn on Friday, cutting the only road between the mining town of Esk and the provincial capital.',
  'Three guards posted at the eastern end of the bridge were killed, the provincial governor said in a statement read on local radio.',
  'Engineers said a temporary crossing could be built within six weeks if the weather held, and the governor asked for patience from the people of Esk.',
])}`)}</body></html>`;
}

export const CONVOY = {
  title: 'Supply Convoy Ambushed on the Northern Highway',
  published: '2031-05-10',
};

/** Only a `<time datetime>` element for the date; no site name anywhere. */
export function convoyPage(): string {
  return `<!doctype html><html><head><title>${CONVOY.title}</title></head><body>${chrome(`<h1>${CONVOY.title}</h1>
<p class="byline">By a staff reporter, <time datetime="${CONVOY.published}T14:00:00Z">10 May</time></p>
${paragraphs([
  'Gunmen ambushed a supply convoy on the northern highway near the Vard pass on Saturday afternoon, burning four of its eleven lorries.',
  'The convoy was carrying flour and medicine to the villages of the upper valley, an aid coordinator said, adding that its drivers had escaped on foot.',
  'It was the second attack on the highway this month, and the transport ministry said convoys would travel only with an armed escort from now on.',
])}`)}</body></html>`;
}

export const UNDATED = { title: 'Mortar Rounds Land Near the Orlen Market' };

/** A story with no date in any form. */
export function undatedPage(): string {
  return `<!doctype html><html><head><meta property="og:title" content="${UNDATED.title}"><meta property="og:site_name" content="Valley Courier"></head><body>${chrome(`<h1>${UNDATED.title}</h1>
${paragraphs([
  'Two mortar rounds landed in a field beside the Orlen market on Sunday morning, wounding a shepherd and scattering the stall holders.',
  'Local officials said the rounds appeared to have been fired from across the river, and that the market would stay closed until the area had been searched.',
  'Residents said it was the first time the town had been shelled since the ceasefire was agreed in the autumn.',
])}`)}</body></html>`;
}

export const WIRE = { title: 'Patrol Boat Fired On in the Selk Strait' };
const wireText = [
  'A coast guard patrol boat was fired on in the Selk Strait on Monday night, the maritime authority said, in an incident that left one sailor lightly wounded.',
  'The authority said the shots came from a small fast boat that fled towards the southern shore after the patrol returned fire.',
  'Shipping through the strait continued normally on Tuesday, according to the harbour master, who said no merchant vessel had been approached.',
];

/** The same wire story as two sites publish it: same text, different site name and canonical URL. */
export function wirePage(origin: string, site: string, path: string): string {
  return `<!doctype html><html><head><meta property="og:title" content="${WIRE.title}"><meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="2031-06-03"><link rel="canonical" href="${origin}${path}"></head>
<body>${chrome(`<h1>${WIRE.title}</h1>${paragraphs(wireText)}`)}</body></html>`;
}

export const FEED_ONLY = { title: 'Checkpoint at Dunmore Crossing Shelled', path: '/news/dunmore-checkpoint' };

/** An article reachable only through the feeds; its page has no date, so the feed's date is used. */
export function dunmorePage(): string {
  return `<!doctype html><html><head><meta property="og:title" content="${FEED_ONLY.title}"></head><body>${chrome(`<h1>${FEED_ONLY.title}</h1>
${paragraphs([
  'Artillery shells hit the army checkpoint at Dunmore Crossing on Thursday, damaging the barrier and two parked trucks, a military spokesman said.',
  'Nobody was hurt, the spokesman added, because the soldiers had taken shelter in a bunker after a warning from a nearby observation post.',
  'The crossing reopened to civilian traffic on Friday morning after engineers had checked the road for unexploded shells.',
])}`)}</body></html>`;
}

export const ATOM_ONLY = { title: 'Power Station at Grell Hit by Drones', path: '/news/grell-power-station', published: '2031-07-19' };

export function grellPage(): string {
  return `<!doctype html><html><head><meta property="og:title" content="${ATOM_ONLY.title}"><meta property="og:site_name" content="Northern Dispatch"></head><body>${chrome(`<h1>${ATOM_ONLY.title}</h1>
${paragraphs([
  'Two drones hit the power station at Grell on Saturday night, cutting electricity to about forty thousand homes, the energy ministry said.',
  'Repair crews restored power to the hospital by Sunday noon, and the ministry said most homes would be reconnected within three days.',
  'The ministry said its air defences had shot down four other drones over the province during the same night.',
])}`)}</body></html>`;
}

/** A section front: links and labels, no story. */
export function sectionPage(): string {
  return `<!doctype html><html><head><title>World news</title></head><body><h1>World</h1><ul>
<li><a href="/news/a">Depot</a></li><li><a href="/news/b">Bridge</a></li><li><a href="/news/c">Convoy</a></li></ul></body></html>`;
}

export function rssFeed(origin: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>The Harbour Ledger</title><link>${origin}/</link><description>Invented news for tests</description>
<item><title>${CONVOY.title}</title><link>${origin}/news/convoy</link><guid>convoy-2031-05-10</guid><pubDate>Sat, 10 May 2031 14:00:00 GMT</pubDate></item>
<item><title>${FEED_ONLY.title}</title><link>${FEED_ONLY.path}</link><guid isPermaLink="false">dunmore-2031-06-12</guid><pubDate>Thu, 12 Jun 2031 09:30:00 GMT</pubDate></item>
<item><title>A missing page</title><link>${origin}/missing</link><guid>missing-1</guid><pubDate>Fri, 13 Jun 2031 09:30:00 GMT</pubDate></item>
</channel></rss>`;
}

export function atomFeed(origin: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Northern Dispatch</title><link rel="alternate" href="${origin}/"/><id>urn:test:northern-dispatch</id><updated>2031-07-20T00:00:00Z</updated>
<entry><title>${BRIDGE.title}</title><link rel="alternate" href="${origin}/news/b"/><id>urn:test:bridge</id><published>${BRIDGE.published}T06:15:00Z</published><updated>${BRIDGE.published}T06:15:00Z</updated></entry>
<entry><title>${ATOM_ONLY.title}</title><link rel="alternate" href="${origin}${ATOM_ONLY.path}"/><id>urn:test:grell</id><published>${ATOM_ONLY.published}T22:00:00Z</published><updated>${ATOM_ONLY.published}T22:00:00Z</updated></entry>
</feed>`;
}

/** A feed whose only item answers too slowly: it must be tried again on the next read. */
export function slowItemFeed(origin: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow Wire</title><link>${origin}/</link>
<item><title>${CONVOY.title}</title><link>${origin}/slow</link><guid>slow-item</guid></item></channel></rss>`;
}
