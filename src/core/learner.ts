import type { NormalizedEmployee, PersonField } from './employee.ts';

export const LEARNER_STATUSES = ['active', 'invited', 'deactivated'] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];

export const LEARNER_SOURCES = ['hris', 'csv', 'manual'] as const;
export type LearnerSource = (typeof LEARNER_SOURCES)[number];

/** Where the current value of one field came from, and when it was written. */
export interface FieldProvenance {
  source: LearnerSource;
  at: string;
  /** The HRIS connection that wrote it, for `source: 'hris'`. */
  connectionId?: string;
}

export type Provenance = Partial<Record<PersonField, FieldProvenance>>;

/** A learner as the domain sees it: the person fields plus platform state. */
export interface Learner extends Omit<NormalizedEmployee, 'externalId' | 'employmentStatus'> {
  id: string;
  tenantId: string;
  /** Increases with every change; outbox events are keyed by (learner, version). */
  version: number;
  status: LearnerStatus;
  platformAccess: boolean;
  source: LearnerSource;
  connectionId: string | null;
  externalId: string | null;
  employmentStatus: NormalizedEmployee['employmentStatus'] | null;
  provenance: Provenance;
  deactivationReason: string | null;
  deactivatedAt: string | null;
  invitedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type Role = 'admin' | 'member';
