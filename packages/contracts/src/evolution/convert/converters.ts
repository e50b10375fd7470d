import { planBoundV3ToV2 } from './plan-bound-v3-to-v2.js';

/**
 * A registered conversion between two versions of one lineage. Conversions run from newer to
 * older: an older version carries less, so rendering down is possible and rendering up is not
 * (v2 has no event id, tenant or time zone to fill v3's fields from).
 */
export interface PayloadConverter {
  from: string;
  to: string;
  /** What the conversion drops or reshapes, for docs and error messages. */
  description: string;
  /** Receives a payload valid for `from` (schema and invariants); its result is validated for `to`. */
  convert(payload: never): unknown;
}

export const payloadConverters: readonly PayloadConverter[] = [
  {
    from: 'plan_bound_v3',
    to: 'plan_bound_v2',
    description:
      'drops id and tenant_id and family.timezone, adds plan.name (= title), renders timestamps as the family wall time without offset',
    convert: planBoundV3ToV2,
  },
];
