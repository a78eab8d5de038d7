// esbuild loads these as text (see scripts/build-web.mjs).
declare module '*.graphql' {
  const source: string;
  export default source;
}
declare module '*.css';
