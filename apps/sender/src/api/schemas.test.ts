import {
  apiProcedures,
  MAX_CUSTOM_HEADERS,
  MAX_PAGE_SIZE,
  RETRY_PRESET_NAMES,
} from '@taskhooks/sender-client';
import { describe, expect, it } from 'vitest';
import { MAX_CUSTOM_HEADERS as senderMaxHeaders } from '../delivery/custom-headers.js';
import { presetNames } from '../delivery/presets.js';
import { MAX_PAGE_SIZE as senderMaxPage } from '../store/shared/cursor.js';
import { appRouter } from './router.js';

interface ProcedureDef {
  _def: { type: string; inputs: unknown[]; output?: unknown };
}
const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;

describe('one definition of the API schemas (shared with @taskhooks/sender-client)', () => {
  it('the router has exactly the procedures the client knows', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(apiProcedures).sort());
  });

  it.each(Object.keys(apiProcedures))('%s validates with the client’s schema objects', (path) => {
    const shared = apiProcedures[path as keyof typeof apiProcedures];
    const def = procedures[path]!._def;
    expect(def.type).toBe(shared.type);
    expect(def.inputs).toEqual([shared.input]);
    expect(def.inputs[0]).toBe(shared.input);
    expect(def.output).toBe(shared.output);
  });

  it('the limits the client publishes are the ones the sender enforces', () => {
    expect(MAX_PAGE_SIZE).toBe(senderMaxPage);
    expect(MAX_CUSTOM_HEADERS).toBe(senderMaxHeaders);
    expect([...RETRY_PRESET_NAMES]).toEqual([...presetNames]);
  });
});
