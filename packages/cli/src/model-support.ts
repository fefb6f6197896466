import { CAPABILITIES, CAPABILITY_DESCRIPTION, modelVerdictSchema, type ModelVerdict, type RefineRequest, type ToolRefiner } from '@oso-agents/core';

export { CAPABILITIES, CAPABILITY_DESCRIPTION, modelVerdictSchema, type ModelVerdict, type RefineRequest, type ToolRefiner };

/** `name (type): description` for each top-level parameter, bounded. */
export function schemaSummary(schema: Record<string, unknown> | undefined): string {
  const properties = schema?.properties;
  if (!properties || typeof properties !== 'object') return '(none)';
  const parts = Object.entries(properties as Record<string, Record<string, unknown>>)
    .slice(0, 30)
    .map(([name, property]) => {
      const type = typeof property?.type === 'string' ? property.type : 'value';
      const description = typeof property?.description === 'string' ? `: ${property.description.slice(0, 160)}` : '';
      return `${name} (${type})${description}`;
    });
  return parts.length > 0 ? parts.join('; ') : '(none)';
}
