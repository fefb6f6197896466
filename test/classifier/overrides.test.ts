import { readFileSync } from 'node:fs';
import {
  OsoValidationError,
  OverrideSet,
  classifyTool,
  classifyTools,
  createOso,
  createToolClassifier,
  parseOverrides,
  parseStructuredText,
  parseToolCatalog,
} from '@oso-agents/core';
import { describe, expect, it } from 'vitest';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('overrides', () => {
  const overrides = parseOverrides(parseStructuredText(fixture('overrides.yaml'), 'overrides.yaml'));
  const catalog = parseToolCatalog(fixture('tools-list.mcp.json'), { integration: 'code-host' });
  const results = Object.fromEntries(classifyTools(catalog.tools, { overrides }).map((entry) => [entry.tool.name, entry.classification]));

  it('applies an integration rule, a glob and an exact tool rule, most specific last', () => {
    // create_issue: classifier C; integration adds B; the glob removes A (absent anyway).
    expect(results.create_issue?.capabilities).toEqual(['private_data', 'external_or_state_change']);
    // list_issues: classifier A+B; integration adds B; the glob removes A.
    expect(results.list_issues?.capabilities).toEqual(['private_data']);
    // get_me: the exact rule replaces everything.
    expect(results.get_me?.capabilities).toEqual([]);
  });

  it('records source "override", full confidence and a reason naming the rule', () => {
    const listIssues = results.list_issues!;
    expect(listIssues.source).toBe('override');
    expect(listIssues.confidence.untrusted_content).toBe(1);
    expect(listIssues.reasons).toContainEqual({
      capability: 'untrusted_content',
      present: false,
      signal: 'override tool "code-host.*_issue*": issues are only written by employees',
      weight: 1,
    });
    // The classifier's own reasons stay for the buckets no override decided.
    expect(results.create_issue?.reasons.some((reason) => reason.capability === 'external_or_state_change' && reason.signal.startsWith('name verb'))).toBe(true);
  });

  it('leaves tools no rule matches untouched', () => {
    const other = classifyTools([{ integration: 'other', name: 'create_issue', description: 'Create an issue' }], { overrides })[0]!;
    expect(other.classification.source).not.toBe('override');
    expect(other.classification).toEqual(classifyTool({ integration: 'other', name: 'create_issue', description: 'Create an issue' }));
  });

  it('takes overrides in code, after the data', () => {
    const set = new OverrideSet([], [(tool) => (tool.name.startsWith('internal_') ? ['private_data'] : undefined)]);
    const classify = createToolClassifier({ overrides: set });
    expect(classify({ name: 'internal_wiki_search', description: 'Search the web' }).capabilities).toEqual(['private_data']);
    expect(classify({ name: 'internal_wiki_search', description: 'Search the web' }).source).toBe('override');
    expect(classify({ name: 'weather', description: 'Get the weather forecast' }).source).not.toBe('override');
  });

  it('rejects a rule without a target or without an effect, naming the field', () => {
    expect(() => parseOverrides([{ capabilities: ['private_data'] }])).toThrow(OsoValidationError);
    expect(() => parseOverrides({ overrides: [{ tool: 'x' }] })).toThrow(/"capabilities", "add" or "remove"/);
    expect(() => parseOverrides([{ tool: 'x', add: ['secret_sauce'] }])).toThrow(/at "0\.add\.0"/);
  });

  it('plugs into createOso: registered tools get the overridden buckets', () => {
    const oso = createOso({ agentId: 'override-test', classifier: createToolClassifier({ overrides: [{ integration: 'drive', add: ['untrusted_content'], reason: 'shared drives hold outside files' }] }) });
    const [search] = oso.registerTools('drive', [{ name: 'search_files', description: 'Search file names in the drive' }]);
    expect(search?.capabilities).toContain('untrusted_content');
    expect(search?.classification.source).toBe('override');
  });
});
