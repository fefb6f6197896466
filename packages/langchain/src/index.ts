export { withOso, type ProtectableAgent } from './with-oso.js';
export { osoMiddleware, OSO_MIDDLEWARE_NAME, type OsoMiddlewareOptions } from './oso-middleware.js';
export { OsoCallbackHandler, type OsoCallbackHandlerOptions } from './oso-callback-handler.js';
export { DEFAULT_INTEGRATION, type OsoLangChainOptions } from './oso-langchain-options.js';
export {
  answersFromResume,
  approvalInterrupt,
  isOsoApprovalInterrupt,
  type OsoActionRequest,
  type OsoApprovalInterrupt,
  type OsoApprovalResume,
  type OsoReviewConfig,
} from './approval-interrupt.js';
export { pendingApprovalMessage } from './gate-tool-call.js';
export { engineToolName, type DescribedTool } from './register-langchain-tools.js';
