/** A file of the app that vite bundles and names by its URL (the pdf.js worker). */
declare module '*?url' {
  const url: string;
  export default url;
}
