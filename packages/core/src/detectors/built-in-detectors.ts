import type { Detector } from '../decide.js';
import type { Enforcement } from '../decision.js';
import { createAbnormalRateDetector } from './abnormal-rate.js';
import type { ResolvedDetectionOptions } from './detection-options.js';
import { createDestinationChecker, type DestinationChecker } from './destinations/trusted-destinations.js';
import { seedOf } from './fingerprints.js';
import type { OutputEnforcement } from './output-exfiltration.js';
import { createPrivateDataInEgressDetector } from './private-data-in-egress.js';
import { createSecretEgressDetector } from './secret-egress.js';
import { createUntrustedArgumentDetector } from './untrusted-argument.js';

/** The built-in detectors as the engine runs them, resolved from `createOso` options. */
export interface BuiltInDetection {
  detectors: Detector[];
  destinationCheck: DestinationChecker | undefined;
  /** Seed of the fingerprint hash. */
  seed: number;
  maxFingerprints: number;
  /** Whether any detector reads fingerprints: if none does, recording takes none (hot path). */
  fingerprints: boolean;
  output: { enforcement: OutputEnforcement; allowlist: readonly string[] } | undefined;
}

/**
 * Default enforcement of each detector, chosen so that none disturbs a benign session on the
 * corpus in `test/detectors/` (see its README for the figures): `secret_egress` follows the
 * environment (credentials leaving are never routine); `private_data_in_egress` records only;
 * `untrusted_argument` and `abnormal_rate` ask a person.
 */
export function builtInDetection(
  options: ResolvedDetectionOptions,
  context: { enforcement: Enforcement; trustedDestinations: readonly string[]; outputAllowlist: readonly string[] },
): BuiltInDetection {
  const seed = seedOf(options.fingerprintSecret);
  const detectors: Detector[] = [];
  if (options.secretEgress) detectors.push(createSecretEgressDetector({ seed, enforcement: context.enforcement }));
  if (options.privateDataInEgress) detectors.push(createPrivateDataInEgressDetector({ seed, enforcement: 'ignore' }));
  if (options.untrustedArgument) detectors.push(createUntrustedArgumentDetector({ seed, enforcement: 'require_approval', scope: options.untrustedArgumentScope }));
  if (options.abnormalRate) detectors.push(createAbnormalRateDetector({ bounds: options.abnormalRate, enforcement: 'require_approval' }));
  return {
    detectors,
    destinationCheck: options.destinationRelaxation
      ? createDestinationChecker({ trustedDestinations: context.trustedDestinations, seed })
      : undefined,
    seed,
    maxFingerprints: options.maxFingerprints,
    fingerprints: options.privateDataInEgress || options.untrustedArgument || options.destinationRelaxation,
    output: options.outputExfiltration ? { enforcement: options.outputExfiltration, allowlist: context.outputAllowlist } : undefined,
  };
}
