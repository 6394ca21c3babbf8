/**
 * A PDF shown in the page: each page drawn by pdf.js on a canvas as wide as the preview (sharp on high-density
 * screens), one after the other, with its number. `printPreview` prints these pages and nothing else. It must be a
 * child of the page's section (styles.css). pdf.js and its worker are scripts of the app, loaded with the 报告 screen.
 */
import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Prints the previewed report alone: the page's other content is left out while the print dialog is open
 * (styles.css, body[data-print='preview']), and comes back after.
 */
export const printPreview = (): void => {
  document.body.dataset.print = 'preview';
  const done = () => {
    delete document.body.dataset.print;
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
};

/** The widest a page is drawn, in CSS pixels (an A4 page at about 100%). */
const MAX_WIDTH = 800;

const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

export const PdfPreview = ({ pdf, label }: { pdf: string; label: string }) => {
  const box = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const holder = box.current!;
    holder.replaceChildren();
    setPages(null);
    setError(null);
    const task = getDocument({ data: bytesOf(pdf), isEvalSupported: false });
    let live = true;
    void (async () => {
      try {
        const doc = await task.promise;
        if (!live) return;
        setPages(doc.numPages);
        const width = Math.min(MAX_WIDTH, holder.clientWidth || MAX_WIDTH);
        for (let n = 1; n <= doc.numPages && live; n++) {
          const page = await doc.getPage(n);
          const scale = width / page.getViewport({ scale: 1 }).width;
          const ratio = window.devicePixelRatio || 1;
          const viewport = page.getViewport({ scale: scale * Math.max(ratio, 1.5) });
          const canvas = document.createElement('canvas');
          canvas.width = Math.ceil(viewport.width);
          canvas.height = Math.ceil(viewport.height);
          canvas.style.width = `${Math.round(width)}px`;
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', `第 ${n} 页`);
          const sheet = document.createElement('div');
          sheet.className = 'pdf-page';
          sheet.append(canvas);
          holder.append(sheet);
          await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
        }
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
      void task.destroy();
    };
  }, [pdf]);
  return (
    <div className="pdf-preview" role="document" aria-label={label}>
      <p className="muted no-print" role="status">
        {error ? `预览失败：${error}` : pages === null ? '正在排版预览…' : `共 ${pages} 页`}
      </p>
      <div ref={box} />
    </div>
  );
};
