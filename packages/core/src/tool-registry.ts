import { classifyTool, type ClassifyToolInput } from './classify-tool.js';
import type { Capability } from './capabilities.js';
import { toolDefinitionSchema, type Classification, type RegisteredTool, type ToolDefinition } from './tool.js';
import { parseWith } from './validate.js';

/** Classifies one tool; `classifyTool` by default. */
export type ToolClassifier = (input: ClassifyToolInput) => Classification;

/** The tools an engine knows, by full name (`integration.name`). */
export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();

  constructor(private readonly classify: ToolClassifier = classifyTool) {}

  /**
   * Registers (or registers again) an integration's tools and classifies each. A manual
   * `capabilities` override wins, and is kept when the tool is registered again without one; so
   * are `requiredScopes`, `destinations` and `annotations`: what an app declared at startup stays
   * when an adapter registers the same tool later without them.
   */
  register(integration: string, definitions: readonly ToolDefinition[]): RegisteredTool[] {
    if (typeof integration !== 'string' || integration.length === 0) {
      throw parseWith(toolDefinitionSchema.shape.name, integration, 'integration name');
    }
    // Validate every definition before registering any, so a bad one changes nothing.
    const parsed = definitions.map((definition, index) =>
      parseWith(toolDefinitionSchema, definition, `tool definition #${index} of ${integration}`),
    );
    return parsed.map((given) => {
      const fullName = `${integration}.${given.name}`;
      const previous = this.tools.get(fullName);
      const definition: ToolDefinition = { ...given };
      // Dropping a declared scope or destination would silently loosen the policy.
      if (definition.requiredScopes === undefined && previous?.definition.requiredScopes) definition.requiredScopes = previous.definition.requiredScopes;
      if (definition.destinations === undefined && previous?.definition.destinations) definition.destinations = previous.definition.destinations;
      if (definition.annotations === undefined && previous?.definition.annotations) definition.annotations = previous.definition.annotations;
      const override: Capability[] | undefined = definition.capabilities ?? previous?.override;
      const classification = this.classify({
        ...definition,
        integration,
        ...(override ? { capabilities: override } : {}),
      });
      const registered: RegisteredTool = {
        fullName,
        integration,
        name: definition.name,
        definition,
        classification,
        // Frozen: every decision on this tool shares it.
        capabilities: Object.freeze(classification.capabilities.slice()) as Capability[],
        ...(override ? { override } : {}),
      };
      this.tools.set(fullName, registered);
      return registered;
    });
  }

  get(fullName: string): RegisteredTool | undefined {
    return this.tools.get(fullName);
  }

  list(): RegisteredTool[] {
    return [...this.tools.values()];
  }
}
