// Moved to src/testing/test-receiver.ts; kept only until src/security/ssrf-guard.integration.test.ts imports it from there.
export * from '../../testing/test-receiver.js';
