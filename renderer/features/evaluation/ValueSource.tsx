/**
 * 这个数从哪里来: under a row of the indicator table, where its value comes from — the file, sheet and cell of each
 * figure (and for a year made from months, the rule and the cells), or why a figure is missing.
 */
import type { ProvenanceDto } from '../../../shared/api';
import { useCall } from '../../api/useCall';
import { ErrorNotice, Loading } from '../../components/Notice';

const sourceText = (p: ProvenanceDto): string => {
  const where = p.origin === 'import' ? `导入自 ${p.file ?? ''} 的“${p.sheet}”!${p.cell}（第 ${p.batch} 批）` : `${p.enteredBy ?? ''} 手工录入`;
  return `${p.value} ${p.unit}，${where}${p.derivedFrom ? `；全年数由月度或季度数据得出：${p.derivedFrom}` : ''}`;
};

export const ValueSource = ({ region, series, year }: { region: string; series: string; year: number }) => {
  const explained = useCall('observations.explain', { region, series, year });
  if (explained.loading) return <Loading />;
  if (explained.error) return <ErrorNotice error={explained.error} />;
  const e = explained.data;
  if (!e) return null;
  return (
    <div className="value-source" role="region" aria-label={`${e.seriesName}的来源`}>
      {e.formula && <p className="small">由公式计算：{e.formula}，所用数值：</p>}
      <ul className="small">
        {e.parts.map((p) => (
          <li key={`${p.series}-${p.year}`}>
            {p.seriesName}（{p.year}年）：{p.source ? sourceText(p.source) : p.note}
          </li>
        ))}
      </ul>
    </div>
  );
};
