/**
 * The narrative template language, deliberately tiny: `{{ name }}` is replaced by the value of
 * `name`; nothing else is special. Names are lower-case words with underscores. Templates are
 * checked when saved (unknown names, a `{{` without its `}}`), so rendering never meets one it
 * cannot fill. Output is plain text: exports write it into PDF/XLSX cells, never into HTML.
 */
const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/** Problems with a template, each a sentence; empty when it is fine. */
export function checkTemplate(body: string, known: readonly string[]): string[] {
  const problems: string[] = [];
  const allowed = new Set(known);
  const unknown = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!allowed.has(name)) unknown.add(name);
  }
  if (unknown.size > 0)
    problems.push(
      `unknown placeholder${unknown.size > 1 ? 's' : ''} ${[...unknown].map((n) => `{{${n}}}`).join(', ')}; ` +
        `known: ${[...known].sort().join(', ')}`,
    );
  const rest = body.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}'))
    problems.push('a "{{" or "}}" is not part of a placeholder such as {{org_name}}');
  return problems;
}

/** Fills every placeholder; throws TemplateError naming any value that is missing. */
export function renderTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(PLACEHOLDER, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new TemplateError(`no value for placeholder {{${name}}}`);
    return v;
  });
}
