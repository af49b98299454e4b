/**
 * The feels-like temperature of air at `airC` °C in a wind of `windMs` m/s (10 m above ground): the wind chill
 * index of Osczevski and Bluestein (JAG/TI, 2001), which SMHI, Environment Canada and the US NWS use,
 *   W = 13.12 + 0.6215·T − 11.37·V^0.16 + 0.3965·T·V^0.16,  V in km/h.
 * It is defined for T ≤ 10 °C and V ≥ 4.8 km/h (walking speed, 1.3 m/s); outside that the air temperature is what
 * it feels like. Rounded to a tenth.
 */
export function feelsLikeC(airC: number, windMs: number | undefined): number {
  const kmh = (windMs ?? 0) * 3.6;
  if (airC > 10 || kmh < 4.8) return airC;
  const v = kmh ** 0.16;
  const w = 13.12 + 0.6215 * airC - 11.37 * v + 0.3965 * airC * v;
  // Never warmer than the air: wind does not warm.
  return Math.round(Math.min(w, airC) * 10) / 10;
}
