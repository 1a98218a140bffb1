import { cleanText } from '../../core/employee.ts';
import { charlieHrOfficeSchema, charlieHrTeamSchema } from './api.ts';

/** Teams and offices by id, built from their lists; a record that does not parse is counted. */

export interface OfficeRef {
  name: string | null;
  country: string | null;
}

export interface CharlieHrLookups {
  team(id: string): string | null;
  office(id: string): OfficeRef | null;
}

export function createLookups(): {
  addTeam: (raw: unknown) => void;
  addOffice: (raw: unknown) => void;
  lookups: CharlieHrLookups;
  skipped: () => { teams: number; offices: number };
} {
  const teams = new Map<string, string | null>();
  const offices = new Map<string, OfficeRef>();
  const skipped = { teams: 0, offices: 0 };
  return {
    addTeam: (raw) => {
      const parsed = charlieHrTeamSchema.safeParse(raw);
      const id = parsed.success ? cleanText(parsed.data.id) : null;
      if (!parsed.success || id === null) skipped.teams++;
      else teams.set(id, cleanText(parsed.data.name));
    },
    addOffice: (raw) => {
      const parsed = charlieHrOfficeSchema.safeParse(raw);
      const id = parsed.success ? cleanText(parsed.data.id) : null;
      if (!parsed.success || id === null) skipped.offices++;
      else {
        offices.set(id, {
          name: cleanText(parsed.data.name),
          country: cleanText(parsed.data.country),
        });
      }
    },
    lookups: {
      team: (id) => teams.get(id) ?? null,
      office: (id) => offices.get(id) ?? null,
    },
    skipped: () => ({ ...skipped }),
  };
}
