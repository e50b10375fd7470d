export { checkReadiness, type ReadinessReport } from './health.js';
export { createLogger, type LogFormat, REDACTED_LOG_PATHS, resolveLogFormat } from './logger.js';
export { createSenderMetrics, type SenderMetrics } from './metrics.js';
