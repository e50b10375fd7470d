// Public surface of the sender app, for the CLI, tests and sibling apps (docs reads the presets).
export type { AppRouter } from './api/router.js';
export { createSenderApp, type SenderApp, type SenderAppOptions } from './app.js';
export { ConfigError, envSchema, loadConfig, type SenderConfig } from './config/env.js';
export {
  type DeliveryPreset,
  getPreset,
  isPresetName,
  type PresetName,
  presetNames,
} from './delivery/presets.js';
export { openStore } from './store/index.js';
export type { Store } from './store/types.js';
