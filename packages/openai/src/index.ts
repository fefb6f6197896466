export {
  osoTools,
  type ChatToolMessages,
  type HandledToolCalls,
  type OsoFunctionTool,
  type OsoToolContext,
  type OsoTools,
  type OsoToolsOptions,
  type ResponseToolOutputs,
} from './oso-tools.js';
export type { GatedToolCall, ToolCallStatus } from './gate-tool-calls.js';
export type { ArgumentsOf, StandardSchemaWithJsonSchema, ToolParameters } from './tool-parameters.js';
export { withOso, type WithOsoOptions } from './with-oso.js';
export { osoAgentTools, type GateableAgentTool } from './agents/oso-agent-tools.js';
export { resolveOsoInterruption, type ApprovableRunState, type ResolvedInterruption } from './agents/resolve-oso-interruption.js';
export type { OsoAgentToolsOptions } from './agents/agent-tool-options.js';
