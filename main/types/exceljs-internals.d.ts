/** exceljs's table of built-in number formats by id (zh-CN and others keyed by locale where Excel varies). */
declare module 'exceljs/lib/xlsx/defaultnumformats.js' {
  const formats: Record<number, { f?: string }>;
  export default formats;
}
