/**
 * The evaluation thresholds a bureau may change: the band δ around time progress for the status of a row, and the
 * pace-ratio bounds of the Open SDG / Statistics Canada progress measure. Defaults follow DESIGN.md.
 */

export interface EvaluationSettings {
  /** Half-width of the "about on time" band around time progress τ (default 0.1). */
  delta: number;
  /** Pace ratio R at or above which a trend is on track, 进度正常 (default 0.95). */
  paceOnTrack: number;
  /** Pace ratio R at or above which progress is made but must speed up, 需加快 (default 0.6). */
  paceAccelerate: number;
}

export const defaultSettings: Readonly<EvaluationSettings> = Object.freeze({
  delta: 0.1,
  paceOnTrack: 0.95,
  paceAccelerate: 0.6,
});
