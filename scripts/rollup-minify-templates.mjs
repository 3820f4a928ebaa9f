// A rollup plugin that shrinks the text inside Lit's css`` and html`` templates, which terser leaves untouched:
// CSS loses comments and the spaces around punctuation, HTML loses the indentation between lines.
import { walk } from 'estree-walker';
import MagicString from 'magic-string';

/** Minifies one piece of CSS text (a quasi: it may be cut by `${}` expressions, so no rule spans are assumed). */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** Collapses the indentation between lines of an HTML template to one space, which renders the same. */
export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

const minifiers = { css: minifyCss, html: minifyHtml };

/** @param {{include?: RegExp}} [options] which module ids to minify (default: the widget's own sources) */
export default function minifyTemplates({ include = /[\\/]src[\\/]ui[\\/]/ } = {}) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!include.test(id) || !/\b(css|html)`/.test(code)) return null;
      const magic = new MagicString(code);
      walk(this.parse(code), {
        enter(node) {
          if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
          const minify = minifiers[node.tag.name];
          if (!minify) return;
          for (const quasi of node.quasi.quasis) {
            const raw = quasi.value.raw;
            const small = minify(raw);
            if (small !== raw) magic.overwrite(quasi.start, quasi.end, small);
          }
        },
      });
      return magic.hasChanged() ? { code: magic.toString(), map: magic.generateMap({ hires: true }) } : null;
    },
  };
}
