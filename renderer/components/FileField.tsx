/**
 * The 选择文件 field: in the desktop app a button that opens the system's dialog and then shows the chosen file's
 * name; in browser mode a place to drop the file or click to choose it (antd's Upload, which uploads nothing itself:
 * the file is uploaded when it is read), in Chinese rather than the browser's own words. Either way `onChange` gets a
 * ChosenFile, which readablePath turns into the path the services read.
 */
import { lazy, Suspense, useId, useState } from 'react';
import { ACCEPT, isDesktop, pickFile, type ChosenFile, type FilePurpose } from '../api/files';
import { ErrorNotice } from './Notice';

// antd's Upload comes with the field's first showing, not with the first screen that holds it.
const FileDrop = lazy(() => import('./FileDrop'));

const CAPTIONS: Record<FilePurpose, string> = {
  workbook: 'Excel 工作簿（.xlsx .xls）',
  plan: '规划文件（.txt .xlsx .xls .docx .json）',
  profile: '导入方案（.json）',
  template: '报告模板（.yml）',
  backup: '工作台备份（.sqlite）',
};

export const FileField = ({
  purpose,
  value,
  onChange,
  label,
}: {
  purpose: FilePurpose;
  value: ChosenFile | null;
  onChange: (file: ChosenFile | null) => void;
  /** The field's caption; 选择文件 (browser) or the kind of file (desktop) when not given. */
  label?: string;
}) => {
  const [error, setError] = useState<Error | null>(null);
  const id = useId();
  if (!isDesktop()) {
    return (
      <div className="file-field drop">
        <label className="caption" htmlFor={id}>
          {label ?? '选择文件'}
        </label>
        <Suspense fallback={<span className="file-name muted">正在准备…</span>}>
          <FileDrop id={id} accept={ACCEPT[purpose]} caption={CAPTIONS[purpose]} value={value} onChange={onChange} />
        </Suspense>
      </div>
    );
  }
  const caption = label ?? CAPTIONS[purpose];
  const onPick = async () => {
    setError(null);
    try {
      const file = await pickFile(purpose);
      // Cancelling the dialog keeps the file chosen before.
      if (file) onChange(file);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div className="file-field" role="group" aria-label={caption}>
      <span className="caption">{caption}</span>
      <span className="file-row">
        <button type="button" onClick={onPick}>
          选择文件
        </button>
        <span className={value ? 'file-name' : 'file-name muted'} aria-label="已选择的文件" title={value && 'path' in value ? value.path : undefined}>
          {value?.name ?? '未选择文件'}
        </span>
        {value && (
          <button type="button" className="link" onClick={() => onChange(null)}>
            不用此文件
          </button>
        )}
      </span>
      {error && <ErrorNotice error={error} />}
    </div>
  );
};
