export default {
  globs: ['src/ui/**/*.ts'],
  exclude: ['src/ui/**/*.styles.ts', 'src/ui/strings/**'],
  outdir: '.',
  litelement: true,
};
