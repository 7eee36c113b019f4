import { describe, expect, it } from 'vitest';
import { checkTemplate, renderTemplate, TemplateError } from './template.ts';

describe('narrative templates', () => {
  it('substitutes placeholders, with or without inner spaces, as often as they occur', () => {
    expect(
      renderTemplate('{{org_name}} emitted {{ total_t }} t; {{org_name}} again.', {
        org_name: 'Acme',
        total_t: '12.5',
      }),
    ).toBe('Acme emitted 12.5 t; Acme again.');
  });

  it('leaves values verbatim (no re-expansion, no escaping)', () => {
    expect(renderTemplate('A {{x}} B', { x: '{{y}} <b>&' })).toBe('A {{y}} <b>& B');
  });

  it('refuses to render a placeholder without a value', () => {
    expect(() => renderTemplate('{{missing}}', {})).toThrow(TemplateError);
  });

  it('reports unknown placeholders and stray braces when a template is saved', () => {
    expect(checkTemplate('Hello {{org_name}}', ['org_name'])).toEqual([]);
    const [unknown] = checkTemplate('{{org}} {{ total }}', ['org_name', 'total_t']);
    expect(unknown).toMatch(/\{\{org\}\}, \{\{total\}\}/);
    expect(unknown).toMatch(/known: org_name, total_t/);
    expect(checkTemplate('Hello {{org_name', ['org_name'])).toHaveLength(1);
    expect(checkTemplate('Hello {{ Org }}', ['org_name'])).toHaveLength(1);
  });
});
