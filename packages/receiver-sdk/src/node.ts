// Node-only adapters, kept out of the main entry so `@taskhooks/receiver-sdk` never imports `node:`.
export {
  createExpressMiddleware,
  createNodeHandler,
  type NodeHandler,
  type NodeRequest,
} from './adapters/node/node-handler.js';
