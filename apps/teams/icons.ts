import { encodePng, type Rgba } from "./png.ts";

/** Samverka's accent colour (also `accentColor` in the manifest). */
const ACCENT = "#1F6F78";

const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [255, 255, 255, 0];

function hex(color: string): Rgba {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

/** A shelter: roof and house with a door, in a unit square (0–1), drawn inside `inset` on every side. */
function inShelter(x: number, y: number, inset: number): boolean {
  const u = (x - inset) / (1 - 2 * inset);
  const v = (y - inset) / (1 - 2 * inset);
  const roof = v >= 0.05 && v <= 0.45 && Math.abs(u - 0.5) <= ((v - 0.05) / 0.4) * 0.5;
  const house = u >= 0.14 && u <= 0.86 && v >= 0.42 && v <= 0.95;
  const door = u >= 0.41 && u <= 0.59 && v >= 0.66 && v <= 0.95;
  return (roof || house) && !door;
}

/** Renders with 4×4 supersampling so edges are smooth at 32 px. */
function render(size: number, inset: number, ink: Rgba, paper: Rgba): Buffer {
  const samples = 4;
  return encodePng(size, size, (x, y) => {
    let hits = 0;
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < samples; j++) if (inShelter((x + (i + 0.5) / samples) / size, (y + (j + 0.5) / samples) / size, inset)) hits++;
    }
    const a = hits / (samples * samples);
    return [0, 1, 2, 3].map((c) => Math.round(ink[c]! * a + paper[c]! * (1 - a))) as Rgba;
  });
}

/** The 192×192 colour icon: a white shelter on the accent colour, inside Teams' 120 px safe area. */
export function colorIcon(): Buffer {
  return render(192, 0.19, WHITE, hex(ACCENT));
}

/** The 32×32 outline icon: white on transparent, as Teams requires. */
export function outlineIcon(): Buffer {
  return render(32, 0.06, WHITE, CLEAR);
}
