/**
 * Issued reports (签发): the document as sent, the inputs it was made from (as JSON: template text, plan, evaluations,
 * paragraphs, date) and the document's SHA-256, so that it prints again the same after later corrections and the app
 * can say what has changed since.
 */
import type { WriteDb } from '../types';

export const migrate0120 = (db: WriteDb): void => {
  db.exec(`
    CREATE TABLE issued_report (
      id INTEGER PRIMARY KEY,
      plan_id TEXT NOT NULL REFERENCES plan(id),
      region_code TEXT NOT NULL REFERENCES region(code),
      year INTEGER NOT NULL,
      kind TEXT NOT NULL,
      format TEXT NOT NULL CHECK (format IN ('pdf', 'docx')),
      doc_number TEXT,
      issued_by TEXT NOT NULL,
      issued_at TEXT NOT NULL,
      app_version TEXT NOT NULL,
      inputs TEXT NOT NULL,
      document BLOB NOT NULL,
      sha256 TEXT NOT NULL
    ) STRICT;
    CREATE INDEX issued_report_plan ON issued_report (plan_id, region_code, year);
  `);
};
