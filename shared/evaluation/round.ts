/**
 * Decimal rounding and float hygiene for evaluation figures: rounding as a clerk rounds on paper (1.005 → 1.01),
 * stripping binary noise before JSON output, and tolerant comparisons at exact thresholds.
 */

/** Relative tolerance for threshold comparisons: 1e-9, scaled by the magnitude of the numbers compared (at least 1). */
export const TOLERANCE = 1e-9;

const scale = (a: number, b: number): number => TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

/** a ≥ b, forgiving float noise: 0.7 computed as 0.6999999999999999 still counts as ≥ 0.7. */
export const atLeast = (a: number, b: number): boolean => a >= b - scale(a, b);

/** a > b by more than float noise. */
export const greaterThan = (a: number, b: number): boolean => a > b + scale(a, b);

/** a = b up to float noise. */
export const nearlyEqual = (a: number, b: number): boolean => Math.abs(a - b) <= scale(a, b);

/** Powers of ten that a double holds exactly. */
const EXACT_TENS = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Moves the decimal point of a finite number by `places` through its decimal text, so no binary error creeps in. */
const shift = (x: number, places: number): number => {
  const [mantissa, exponent = '0'] = String(x).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
};

/**
 * Rounds half away from zero at `decimals` places (negative: tens, hundreds…), working on the number's shortest
 * decimal text: roundTo(1.005, 2) = 1.01 and roundTo(-2.5, 0) = -3. Non-finite input is returned unchanged; -0 becomes 0.
 */
export const roundTo = (x: number, decimals: number): number => {
  // A whole number is itself at any number of decimal places (no string made).
  if (decimals >= 0 && Number.isInteger(x) && Math.abs(x) < 1e15) return x === 0 ? 0 : x;
  if (!Number.isFinite(x)) return x;
  // Most figures from the product with an exact power of ten, where it lies clearly away from a tie (x.xx5): its
  // error (below 2.3e-7 under 1e9) cannot then change the rounding, and m / 10^d is the double Number('me-d') reads.
  if (decimals >= 0 && decimals <= 22) {
    const scaled = Math.abs(x) * EXACT_TENS[decimals]!;
    if (scaled < 1e9 && Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) {
      const m = Math.round(scaled);
      const result = (x < 0 ? -m : m) / EXACT_TENS[decimals]!;
      return result === 0 ? 0 : result;
    }
  }
  const magnitude = shift(Math.round(shift(Math.abs(x), decimals)), -decimals);
  const result = x < 0 ? -magnitude : magnitude;
  return result === 0 ? 0 : result;
};

/**
 * The 12 significant digits of |x| as an integer m with its scale k (|x| ≈ m / 10^k), found without a string; null
 * where the product |x|·10^k lies too near a rounding tie to be sure (its error is below 1.2e-4 of a unit), where
 * log10 misjudged the exponent, or outside the powers a double holds exactly. Then m / 10^k is the double nearest
 * to the 12-digit decimal, exactly as Number(x.toPrecision(12)) reads it.
 */
const twelveDigits = (a: number): { m: number; k: number } | null => {
  if (!(a >= 1e-11 && a < 1e11)) return null;
  const k = 11 - Math.floor(Math.log10(a));
  if (k < 0 || k > 22) return null;
  const scaled = a * EXACT_TENS[k]!;
  const m = Math.round(scaled);
  if (m < 1e11 || m >= 1e12 || Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-3) return null;
  return { m, k };
};

/** Removes float noise for output by keeping 12 significant digits: 0.6000000000000001 → 0.6. -0 becomes 0. */
export const clean = (x: number): number => {
  // A whole number of up to 12 digits is its own 12-digit text (most stored figures; no string made).
  if (Number.isInteger(x) && Math.abs(x) < 1e12) return x === 0 ? 0 : x;
  if (!Number.isFinite(x)) return x;
  // Most others from the digits as an integer (a league table cleans hundreds of thousands of figures).
  const digits = twelveDigits(Math.abs(x));
  if (digits) return (x < 0 ? -digits.m : digits.m) / EXACT_TENS[digits.k]!;
  const result = Number(x.toPrecision(12));
  return result === 0 ? 0 : result;
};
