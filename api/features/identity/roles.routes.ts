import { z } from '../../http/zod';
import { requiredText, text } from '../../http/common.schemas';
import { roleCode, roleSchema } from './identity.schemas';
import { defineRoute } from '../../http/route';
import { presentRole } from './identity.presenter';
import { createRole, listRoles } from './roles';

const exampleRole = { code: 'MANAGER', name: 'Manager', description: 'Approves requests at manager steps' };

export function roleRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/roles/',
      operationId: 'listRoles',
      scope: 'requests:read',
      summary: 'List roles',
      description: 'Roles are few (reference data), so the list is not paginated.',
      tags: ['Roles'],
      auth: 'user',
      responses: { 200: { description: 'Every role', schema: z.array(roleSchema), example: [exampleRole] } },
      handler: async ({ db }) => ({ body: (await listRoles(db)).map(presentRole) }),
    }),
    defineRoute({
      method: 'post',
      path: '/roles/',
      operationId: 'createRole',
      scope: 'admin',
      summary: 'Define a new role code for workflow steps',
      tags: ['Roles'],
      auth: 'admin',
      body: z.strictObject({ code: roleCode, name: requiredText(120), description: text(2000).optional() }),
      bodyExample: {
        code: 'LEGAL_REVIEWER',
        name: 'Legal Reviewer',
        description: 'Reviews contracts above a threshold',
      },
      responses: { 201: { description: 'Created', schema: roleSchema, example: exampleRole } },
      errors: [409],
      handler: async ({ body, db }) => {
        const role = await createRole(db, body);
        return { status: 201, body: presentRole(role) };
      },
    }),
  ];
}
