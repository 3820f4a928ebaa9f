export default {
  globs: ['src/ui/**/*.ts'],
  exclude: ['src/ui/**/*.styles.ts', 'src/ui/strings/**', 'src/ui/internal/**'],
  outdir: '.',
  litelement: true,
};
