export { createOso, type Oso } from './create-oso.js';
export { OsoSession, type ToolCallInput } from './oso-session.js';
export { createOsoOptionsSchema, type CreateOsoOptions, type ResolvedOsoOptions, type CaptureContent } from './options.js';
export {
  CAPABILITIES,
  CAPABILITY_DESCRIPTION,
  CAPABILITY_LETTER,
  capabilitySchema,
  isCapability,
  type Capability,
} from './capabilities.js';
export type { Decision, Enforcement, Exposures, Outcome, Provenance, RuleId, Violation } from './decision.js';
export {
  decide,
  type DecisionInput,
  type DecisionPolicy,
  type DecisionResult,
  type Detector,
  type DetectorContext,
  type UnknownToolsPolicy,
} from './decide.js';
export {
  approvalAnswerSchema,
  type ApprovalAnswer,
  type ApprovalHandler,
  type ApprovalRequest,
  type ApprovalStatus,
} from './approval.js';
export {
  ApprovalError,
  ApprovalRequiredError,
  OsoError,
  OsoValidationError,
  StoreUnavailableError,
  ToolDeniedError,
  safeDenialMessage,
  type ApprovalErrorReason,
  type OsoErrorCode,
  type ValidationIssue,
} from './errors.js';
export {
  messageFromUserSchema,
  messageToUserSchema,
  recordableEventSchema,
  sessionMetadataSchema,
  sessionUserSchema,
  toolCallRequestSchema,
  toolCallResponseSchema,
  toolCallSchema,
  type ApprovalRequestedEvent,
  type ApprovalResolvedEvent,
  type DecisionEvent,
  type EventBody,
  type EventEnvelope,
  type EventType,
  type MessageFromUserEvent,
  type MessageToUserEvent,
  type OutputScreenedEvent,
  type OsoEvent,
  type RecordableEvent,
  type SessionMetadata,
  type SessionUser,
  type ToolCall,
  type ToolCallRequestEvent,
  type ToolCallResponseEvent,
} from './events.js';
export { classifyTool, tokenize, type ClassifyToolInput, type ClassifyToolOptions } from './classify-tool.js';
export {
  toolAnnotationsSchema,
  toolDefinitionSchema,
  type Classification,
  type ClassificationReason,
  type ClassificationSource,
  type JsonSchema,
  type RegisteredTool,
  type ToolAnnotations,
  type ToolDefinition,
} from './tool.js';
export { ToolRegistry, type ToolClassifier } from './tool-registry.js';
export { REDACTED, containsSecret, redactSecrets, redactText, type Redactor } from './redact.js';
export {
  applyPatch,
  createSessionState,
  findCall,
  type CallRecord,
  type SessionGrant,
  type SessionState,
  type StateBounds,
  type StatePatch,
} from './session-state.js';
export type { SessionKey, SessionStore, UnsequencedEvent } from './session-store.js';
export { MemorySessionStore, type MemoryStoreOptions } from './memory-store.js';
export { hashArguments, stableStringify } from './stable-json.js';
export { toJsonLines, fromJsonLines } from './timeline.js';
export { detectionOptionsSchema, type DetectionOptions, type ResolvedDetectionOptions } from './detectors/detection-options.js';
export type { DataSource, DetectorPatch, DetectorState, RateWindow, RecentCalls } from './detectors/detector-state.js';
export type {
  DestinationCheck,
  DestinationMatch,
  DestinationRule,
} from './detectors/destinations/trusted-destinations.js';
export { screenOutput, type OutputEnforcement, type OutputScreen, type OutputScreenOptions } from './detectors/output-exfiltration.js';
export { type HttpOperation } from './classify-tool.js';
export { toolFingerprint, type FingerprintSource } from './classify/fingerprint.js';
export {
  OverrideSet,
  classificationOverrideSchema,
  overridesFileSchema,
  parseOverrides,
  type ClassificationOverride,
  type OverrideFunction,
  type OverrideTarget,
} from './classify/overrides.js';
export { fromMcpToolsList, isMcpToolsList, mcpToolSchema, mcpToolsListSchema, type McpTool } from './classify/mcp.js';
export { fromOpenApi, isOpenApiDocument, type FromOpenApiOptions } from './classify/openapi.js';
export { fromFunctionTools, toJsonSchema } from './classify/function-tools.js';
export {
  detectCatalogFormat,
  parseStructuredText,
  parseToolCatalog,
  type ParseToolCatalogOptions,
  type ToolCatalog,
  type ToolCatalogFormat,
} from './classify/catalog.js';
export { classifyTools, createToolClassifier, type ClassifiedTool, type ToolClassifierOptions } from './classify/tool-classifier.js';
export {
  isLowConfidence,
  mergeModelVerdict,
  modelVerdictSchema,
  refineClassifications,
  verdictCapabilities,
  type ModelVerdict,
  type RefineOptions,
  type RefineRequest,
  type ToolRefiner,
  type VerdictCache,
} from './classify/refine.js';
export { INTEGRATION_KINDS, type IntegrationKind } from './classify/integrations.js';
