import { z } from '../../http/zod';
import { timestamp, uuid } from '../../http/common.schemas';
import { iso } from '../../http/iso';
import type { Team } from '../../../db/models';

// What a team looks like in answers.

export const teamSchema = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    is_active: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Team');

export const exampleTeam = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  name: 'Marketing',
  description: 'Campaigns, events and brand',
  is_active: true,
  created_at: '2026-01-01T09:00:00.000Z',
  updated_at: '2026-01-01T09:00:00.000Z',
};

export function presentTeam(team: Team) {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    is_active: team.isActive,
    created_at: iso(team.createdAt) as string,
    updated_at: iso(team.updatedAt) as string,
  };
}
