/** The options of a 报告 list: every report, those that do not fit the year (总结评估 before the target year …) disabled. */
import { kindFits, kindLabel, REPORT_KINDS } from './kinds';

export const ReportKindOptions = ({ year, targetYear }: { year: number; targetYear: number }) => (
  <>
    {REPORT_KINDS.map((k) => (
      <option key={k} value={k} disabled={!kindFits(k, year, targetYear)}>
        {kindLabel(k)}
      </option>
    ))}
  </>
);
