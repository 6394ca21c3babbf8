/** The Unicode line breaking (UAX #14) that pdfmake breaks its text with (the package ships no types). */
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): { position: number; required: boolean } | null;
  }
}
