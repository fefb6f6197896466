export { withOso } from './with-oso.js';
export { osoToolApproval, type OsoToolApproval, type ToolApprovalContext } from './oso-tool-approval.js';
export { osoMiddleware } from './oso-middleware.js';
export type { OsoMiddlewareOptions, OsoSessionOptions, OsoToolApprovalOptions, WithOsoOptions } from './options.js';
