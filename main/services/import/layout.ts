/**
 * What every sheet layout provides: a cheap `detect` on a worksheet (does this sheet look like me, and where is
 * my header) and a `parse` that turns the sheet into observations and problems. run.ts tries the layouts in order.
 */
import type ExcelJS from 'exceljs';
import type { Region } from '../../../shared/types';
import type { ReadDb } from '../../db/types';
import type { SeriesMatcher } from './match';
import type { ParsedSheet } from './types';

export interface SheetContext {
  db: ReadDb;
  ws: ExcelJS.Worksheet;
  matcher: SeriesMatcher;
  regionOption: Region | null;
  unitOf: (code: string) => string;
  /** Region lookup by code or name, consulting the import profile first (optional: defaults to the store only). */
  findRegion?: (text: string) => Region | { ambiguous: Region[] } | null;
  /** The sheet's year when the import profile states it. */
  sheetYear?: number | null;
  /** The unit the import profile says this sheet writes an item in, when the sheet does not say. */
  profileUnit?: (code: string) => string | null;
}

export interface Layout<H = unknown> {
  name: ParsedSheet['layout'];
  detect(ws: ExcelJS.Worksheet): H | null;
  parse(ctx: SheetContext, header: H): ParsedSheet;
}

/** Lets each layout keep its own header type while run.ts holds them in one list. */
export const layout = <H>(l: Layout<H>): Layout<unknown> => l as Layout<unknown>;
