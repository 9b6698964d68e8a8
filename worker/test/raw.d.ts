// Vite's `?raw` imports: the file's text.
declare module "*.sql?raw" {
  const text: string;
  export default text;
}
