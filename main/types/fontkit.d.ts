/** The small part of fontkit the report fonts use (fontkit ships no types). */
declare module 'fontkit' {
  export function openSync(file: string, postscriptName?: string): unknown;
  export function create(bytes: Uint8Array, postscriptName?: string): unknown;
}
