/**
 * What the page shows after writing a file: in the desktop app its path with 打开文件 and 在文件夹中显示; in browser
 * mode a download link (the file is in the exports folder of the local server).
 */
import { useState } from 'react';
import { downloadUrl } from '../api/client';
import { isDesktop, showFile, type SavedFile } from '../api/files';
import { ErrorNotice } from './Notice';

export const SavedFileNotice = ({ file, children }: { file: SavedFile; children: React.ReactNode }) => {
  const [error, setError] = useState<Error | null>(null);
  if (!isDesktop()) {
    return (
      <p className="ok">
        {children}
        <a href={downloadUrl(file.name)}>{file.name}</a>
      </p>
    );
  }
  const show = (how: 'open' | 'folder') => {
    setError(null);
    showFile(file, how).catch((e: unknown) => setError(e as Error));
  };
  return (
    <div className="saved-file">
      <p className="ok">
        {children}
        <span className="file-path">{file.path}</span>
      </p>
      <span className="file-actions">
        <button type="button" onClick={() => show('open')}>
          打开文件
        </button>
        <button type="button" onClick={() => show('folder')}>
          在文件夹中显示
        </button>
      </span>
      {error && <ErrorNotice error={error} />}
    </div>
  );
};
