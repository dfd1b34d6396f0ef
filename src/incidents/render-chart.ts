/**
 * A timeline chart as a PNG, without a browser: the vega-lite spec (`chart.ts`) compiled to vega,
 * drawn to SVG by a headless vega `View`, and the SVG rasterised by resvg. The edge of the chart
 * code: it reads font files and knows nothing of where the PNG goes.
 *
 * Fonts: resvg draws no text without one, and a fresh machine may have none. The renderer takes the
 * file given (`CHART_FONT_FILE`), else looks in the usual font folders for one it knows the family of
 * (DejaVu Sans, Liberation Sans, Noto Sans, FreeSans, Arial), else any .ttf or .otf there, and sets the
 * chart in it; with none at all it refuses with what to install rather than draw a chart without words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { timelineChartSpec, type ChartOptions } from './chart.js';
import type { TimelineFilter } from './timeline.js';
import type { Incident } from './types.js';

export class ChartError extends Error {
  constructor(
    readonly code: 'CHART_NO_FONT' | 'CHART_FONT_FILE' | 'CHART_NO_INCIDENTS',
    message: string,
  ) {
    super(message);
  }
}

export const NO_INCIDENTS_TO_CHART = "No chart: Sitrep's corpus reports no dated incident matching.";

/** A font the chart can be set in: its family name and the files to load (regular, and bold when found). */
export interface ChartFont {
  family: string;
  files: string[];
}

/** Font files whose family is known without reading them, most preferred first. */
const KNOWN_FONTS: { family: string; regular: string; bold: string }[] = [
  { family: 'DejaVu Sans', regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' },
  { family: 'Liberation Sans', regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf' },
  { family: 'Noto Sans', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  { family: 'FreeSans', regular: 'FreeSans.ttf', bold: 'FreeSansBold.ttf' },
  { family: 'FreeSans', regular: 'FreeSans.otf', bold: 'FreeSansBold.otf' },
  { family: 'Arial', regular: 'Arial.ttf', bold: 'Arial Bold.ttf' },
  { family: 'Arial', regular: 'arial.ttf', bold: 'arialbd.ttf' },
];

/** Where operating systems keep fonts (Debian and most Linux, macOS, Windows). */
export const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', '/System/Library/Fonts', '/Library/Fonts', 'C:\\Windows\\Fonts'];

const MAX_DEPTH = 4;
const MAX_ENTRIES = 20_000;

/** Every file under `dirs` (a few levels deep, a bounded number), by base name. */
function fontFilesByName(dirs: string[]): Map<string, string> {
  const found = new Map<string, string>();
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH || seen > MAX_ENTRIES) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, depth + 1);
      else if (/\.(ttf|otf)$/i.test(e.name) && !found.has(e.name)) found.set(e.name, full);
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return found;
}

/**
 * The font to set the chart in: `file` when given (resvg sets text in it by default), else the first
 * known font found under `dirs`, else any font file there. Null when there is none.
 */
export function findChartFont(options: { file?: string; dirs?: string[] } = {}): ChartFont | null {
  if (options.file) {
    if (!fs.existsSync(options.file) || !/\.(ttf|otf|ttc)$/i.test(options.file)) {
      throw new ChartError('CHART_FONT_FILE', `CHART_FONT_FILE: "${options.file}" is not a .ttf, .otf or .ttc font file that exists.`);
    }
    return { family: '', files: [options.file] };
  }
  const files = fontFilesByName(options.dirs ?? FONT_DIRS);
  for (const known of KNOWN_FONTS) {
    const regular = files.get(known.regular);
    if (!regular) continue;
    const bold = files.get(known.bold);
    return { family: known.family, files: bold ? [regular, bold] : [regular] };
  }
  // Any other font will do (resvg sets text in it by default): a plain sans face first.
  const plain = (name: string) => (/sans/i.test(name) ? 0 : 1) + (/mono|math|symbol|emoji|bold|italic|oblique|light|condensed/i.test(name) ? 2 : 0);
  const [other] = [...files.keys()].sort((a, b) => plain(a) - plain(b) || a.localeCompare(b));
  return other ? { family: '', files: [files.get(other)!] } : null;
}

let cachedFont: ChartFont | null | undefined;

function defaultFont(file: string | undefined): ChartFont | null {
  if (file) return findChartFont({ file });
  // Walking the font folders costs a few milliseconds: once per process.
  if (cachedFont === undefined) cachedFont = findChartFont();
  return cachedFont;
}

export interface RenderOptions extends Omit<ChartOptions, 'font'> {
  /** A font file to set the chart in (default: one found in the system's font folders). */
  fontFile?: string;
  /** Pixel density: 2 draws the chart at twice its size, sharp on high-density screens (default 2). */
  scale?: number;
}

/** The SVG of a vega-lite spec, drawn by vega without a browser or a canvas. */
export async function specToSvg(spec: Record<string, unknown>): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec as unknown as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG rasterised to PNG, its text set in `font`. */
export function svgToPng(svg: string, font: ChartFont, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: font.files,
      ...(font.family ? { defaultFontFamily: font.family, sansSerifFamily: font.family } : {}),
    },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}

/**
 * The PNG of the incidents-per-week chart. Throws a `ChartError` when no incident has a day
 * (`CHART_NO_INCIDENTS`, with `NO_INCIDENTS_TO_CHART` as its message) or no font is found.
 */
export async function renderTimelineChart(incidents: Incident[], filter: TimelineFilter = {}, options: RenderOptions = {}): Promise<Buffer> {
  // Checked before the font: "nothing to draw" is the answer even on a machine without fonts.
  if (timelineChartSpec(incidents, filter, options) === null) throw new ChartError('CHART_NO_INCIDENTS', NO_INCIDENTS_TO_CHART);
  const font = defaultFont(options.fontFile);
  if (font === null) {
    throw new ChartError(
      'CHART_NO_FONT',
      `No font to draw the chart's text with: none found in ${FONT_DIRS.join(', ')}. Install one (Debian, Ubuntu: \`apt-get install fonts-dejavu-core\`) or set CHART_FONT_FILE to a .ttf file.`,
    );
  }
  const spec = timelineChartSpec(incidents, filter, { ...options, font: font.family || 'sans-serif' })!;
  return svgToPng(await specToSvg(spec), font, options.scale ?? 2);
}
