import { z } from 'zod';

/**
 * The three capability buckets of the lethal trifecta (DESIGN §1). A tool may have any subset.
 * - `untrusted_content` (A): its output may carry text written by someone other than the user.
 * - `private_data` (B): it reads non-public data.
 * - `external_or_state_change` (C): it sends data out or changes anything.
 */
export const CAPABILITIES = ['untrusted_content', 'private_data', 'external_or_state_change'] as const;

export const capabilitySchema = z.enum(CAPABILITIES);

export type Capability = (typeof CAPABILITIES)[number];

/** Short letters used in tables and logs: A, B, C. */
export const CAPABILITY_LETTER: Readonly<Record<Capability, 'A' | 'B' | 'C'>> = {
  untrusted_content: 'A',
  private_data: 'B',
  external_or_state_change: 'C',
};

/** Plain words for a reviewer. */
export const CAPABILITY_DESCRIPTION: Readonly<Record<Capability, string>> = {
  untrusted_content: 'untrusted content',
  private_data: 'private data',
  external_or_state_change: 'an external action or state change',
};

export function isCapability(value: unknown): value is Capability {
  return value === 'untrusted_content' || value === 'private_data' || value === 'external_or_state_change';
}
