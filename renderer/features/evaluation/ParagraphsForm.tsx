/**
 * The bureau's own paragraphs of a report (重点任务、存在问题、下一步措施 …): typed here, stored with the evaluation,
 * printed in place by every report of this plan, region, year and kind.
 */
import { useEffect, useState } from 'react';
import type { EvaluationKind } from '../../../shared/types';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { ErrorNotice } from '../../components/Notice';

/** As the services cap it (MAX_PARAGRAPH_CHARS). */
const MAX_CHARS = 10_000;

const KEYS: { key: string; label: string }[] = [
  { key: 'tasks', label: '重点任务推进情况' },
  { key: 'projects', label: '重大工程项目进展' },
  { key: 'problems', label: '存在问题的成因' },
  { key: 'environment', label: '发展环境变化' },
  { key: 'measures', label: '下一步工作措施及建议' },
  { key: 'next-year', label: '下年度工作安排' },
  { key: 'achievements', label: '主要成就' },
  { key: 'experience', label: '主要经验' },
  { key: 'next-plan', label: '对“十五五”的建议' },
  { key: 'progress', label: '主要进展（摘要）' },
  { key: 'requests', label: '建议及需协调事项（摘要）' },
];

/** A paragraph's unsaved text, kept in the window's storage; null when there is none (or storage is closed). */
const readDraft = (key: string): string | null => {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
};

const writeDraft = (key: string, text: string | null): void => {
  try {
    if (text === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, text);
  } catch {
    // Storage full or closed: the text stays in the box as long as the page is open.
  }
};

export const ParagraphsForm = ({ input }: { input: { plan: string; region?: string; year: number; kind: EvaluationKind } }) => {
  const [refresh, setRefresh] = useState(0);
  const stored = useCall('reports.paragraphs', input, refresh);
  const [key, setKey] = useState('tasks');
  const [text, setText] = useState('');
  const tooLong = text.length > MAX_CHARS;
  const [by, setBy] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // The box always shows what is stored for this plan, region, year, kind and paragraph: after a change of year or
  // kind, and once the stored paragraphs arrive, never the text of another evaluation.
  const scope = JSON.stringify(input);
  // Typed text is kept as a draft in the window (per evaluation and paragraph) until it is saved: another paragraph,
  // another year, a reload or a crash does not lose it.
  const draftKey = `pwb.paragraph-draft:${scope}:${key}`;
  const storedText = stored.data?.find((p) => p.key === key)?.text ?? '';
  const [draft, setDraft] = useState(false);
  useEffect(() => {
    const kept = readDraft(draftKey);
    setText(kept ?? storedText);
    setDraft(kept !== null && kept !== storedText);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, key, stored.data]);
  // The message of a save stays when the stored paragraphs come back after it, and goes with another paragraph or
  // another evaluation.
  useEffect(() => setSaved(null), [scope, key]);
  const type = (value: string) => {
    setText(value);
    setDraft(value !== storedText);
    writeDraft(draftKey, value !== storedText ? value : null);
  };
  const save = async () => {
    setError(null);
    setSaved(null);
    try {
      await call('reports.setParagraph', { ...input, key, text, by });
      writeDraft(draftKey, null);
      setDraft(false);
      setRefresh((n) => n + 1);
      const at = new Date().toLocaleTimeString('zh-CN', { hour12: false });
      setSaved(text.trim() === '' ? `已于 ${at} 删除该段落，报告中将印出填写提示。` : `已于 ${at} 保存，生成报告时印在相应位置。`);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <details className="card">
      <summary>本单位填写的报告段落（已填 {stored.data?.length ?? 0} 段）</summary>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label>
          段落
          <select
            aria-label="段落名称"
            value={key}
            onChange={(e) => setKey(e.target.value)}
          >
            {KEYS.map((k) => (
              <option key={k.key} value={k.key}>
                {k.label}
                {stored.data?.some((p) => p.key === k.key) ? '（已填）' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          填写人
          <input value={by} onChange={(e) => setBy(e.target.value)} size={8} />
        </label>
        <button
          type="button"
          onClick={save}
          disabled={by.trim() === '' || tooLong || (text.trim() === '' && !stored.data?.some((p) => p.key === key))}
          title={by.trim() === '' ? '请先填写填写人' : tooLong ? `每段至多 ${MAX_CHARS} 字` : undefined}
        >
          {text.trim() === '' && stored.data?.some((p) => p.key === key) ? '删除段落' : '保存段落'}
        </button>
      </form>
      <textarea aria-label="段落内容" rows={5} style={{ width: '100%' }} value={text} onChange={(e) => type(e.target.value)} aria-invalid={tooLong || undefined} />
      {/* The text is never cut: an over-long paragraph stays in the box, counted, until it is shortened. */}
      <p className={tooLong ? 'warning-text small' : 'muted small'}>
        {text.length} / {MAX_CHARS} 字{tooLong ? `，超出 ${text.length - MAX_CHARS} 字，请精简或分段写入不同栏目后再保存` : ''}
      </p>
      {draft && !saved && <p className="warning-text small">尚未保存（草稿已留在本机，换段落、换年份或重新打开后仍在）。</p>}
      {saved && <p className="ok">{saved}</p>}
      {error && <ErrorNotice error={error} />}
    </details>
  );
};
