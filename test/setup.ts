/** Runs around every test file: temporary folders made by the helpers are removed when the file is done. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/files';

afterAll(() => removeTempDirs());
