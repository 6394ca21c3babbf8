/** The options of a 数据年份 list: each year of a plan's period, as 2023年. */
export const YearOptions = ({ years }: { years: readonly number[] }) => (
  <>
    {years.map((y) => (
      <option key={y} value={y}>
        {y}年
      </option>
    ))}
  </>
);
