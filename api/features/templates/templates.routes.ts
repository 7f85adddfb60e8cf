import type { Knex } from 'knex';
import type { Model } from 'objection';
import type { ZodType } from 'zod';
import { z } from '../../http/zod';
import { booleanQuery, idParams, uuid } from '../../http/common.schemas';
import {
  exampleFormTemplate,
  exampleFormTemplateBody,
  exampleWorkflowTemplate,
  exampleWorkflowTemplateBody,
  formTemplateBody,
  formTemplateSchema,
  workflowTemplateBody,
  workflowTemplateSchema,
} from './templates.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, pageEnvelope, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import type { FormTemplate, WorkflowTemplate } from '../../../db/models';
import { presentFormTemplate, presentWorkflowTemplate } from './templates.presenter';
import { formTemplates, roleNames, workflowTemplates, type TemplateVersions } from './template-versions';

interface TemplateKind<M extends Model, B extends ZodType> {
  path: string;
  noun: string;
  tag: string;
  idName: string;
  schema: ZodType;
  example: unknown;
  body: B;
  bodyExample: z.input<B>;
  /** The template versions as the caller's tenant sees them. */
  versions: (db: Knex) => TemplateVersions<M, z.output<B>>;
  /** Presents a batch with one lookup of shared reference data (no query per template). */
  present: (db: Knex, templates: M[]) => Promise<unknown[]>;
}

/** Read routes for everyone, create and new-version routes for admins; the same shape for both kinds. */
function versionedTemplateRoutes<M extends Model, B extends ZodType>(
  deps: AppDeps,
  kind: TemplateKind<M, B>,
): AnyRoute[] {
  const presentOne = async (db: Knex, template: M) => (await kind.present(db, [template]))[0];
  return [
    defineRoute({
      method: 'get',
      path: `${kind.path}/`,
      operationId: `list${kind.idName}s`,
      scope: 'requests:read',
      summary: `List ${kind.noun}s`,
      description: `Current versions by default; \`all_versions=true\` lists every version. \`team\` narrows to the templates a team may use (its own and those for every team).`,
      tags: [kind.tag],
      auth: 'user',
      query: listQuery(['name', 'created_at', 'version_number'], { team: uuid.optional(), all_versions: booleanQuery }),
      responses: {
        200: {
          description: `A page of ${kind.noun}s`,
          schema: paginated(kind.schema),
          example: { count: 1, next: null, previous: null, results: [kind.example] },
        },
      },
      handler: async ({ query, ctx, db }) => {
        const page = await kind.versions(db).list(query);
        const results = await kind.present(db, page.results);
        return { body: pageEnvelope(ctx, deps.config.publicBaseUrl, page, results, query.page_size, query.page) };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${kind.path}/{id}/`,
      operationId: `get${kind.idName}`,
      scope: 'requests:read',
      summary: `A ${kind.noun} version`,
      tags: [kind.tag],
      auth: 'user',
      params: idParams,
      responses: { 200: { description: `The ${kind.noun}`, schema: kind.schema, example: kind.example } },
      handler: async ({ params, db }) => ({ body: await presentOne(db, await kind.versions(db).get(params.id)) }),
    }),
    defineRoute({
      method: 'post',
      path: `${kind.path}/`,
      operationId: `create${kind.idName}`,
      scope: 'admin',
      summary: `Create a ${kind.noun} (version 1)`,
      description: `\`team\` is the team it is for; \`null\` makes it the one every team without its own uses (the demo teams do). The example names a team that does not exist: put yours in.`,
      tags: [kind.tag],
      auth: 'admin',
      body: kind.body,
      bodyExample: kind.bodyExample,
      responses: { 201: { description: 'Created', schema: kind.schema, example: kind.example } },
      handler: async ({ body, principal, db }) => {
        const template = await kind.versions(db).create(body, principal.userId);
        return { status: 201, body: await presentOne(db, template) };
      },
    }),
    defineRoute({
      method: 'put',
      path: `${kind.path}/{id}/`,
      operationId: `version${kind.idName}`,
      scope: 'admin',
      summary: `Publish a new version of a ${kind.noun}`,
      description:
        'The body replaces the whole template as a new version, which becomes current. Requests keep the version they pinned. The example names a team that does not exist: put yours in.',
      tags: [kind.tag],
      auth: 'admin',
      params: idParams,
      body: kind.body,
      bodyExample: kind.bodyExample,
      responses: {
        201: {
          description: 'The new version',
          schema: kind.schema,
          example: { ...(kind.example as object), version_number: 2 },
        },
      },
      handler: async ({ params, body, principal, db }) => {
        const template = await kind.versions(db).publish(params.id, body, principal.userId);
        return { status: 201, body: await presentOne(db, template) };
      },
    }),
  ];
}

export function templateRoutes(deps: AppDeps): AnyRoute[] {
  return [
    ...versionedTemplateRoutes<FormTemplate, typeof formTemplateBody>(deps, {
      path: '/prs/form-templates',
      noun: 'form template',
      tag: 'Templates',
      idName: 'FormTemplate',
      schema: formTemplateSchema,
      example: exampleFormTemplate,
      body: formTemplateBody,
      bodyExample: exampleFormTemplateBody,
      versions: formTemplates,
      present: async (_db, templates) => templates.map(presentFormTemplate),
    }),
    ...versionedTemplateRoutes<WorkflowTemplate, typeof workflowTemplateBody>(deps, {
      path: '/prs/workflows',
      noun: 'workflow template',
      tag: 'Templates',
      idName: 'WorkflowTemplate',
      schema: workflowTemplateSchema,
      example: exampleWorkflowTemplate,
      body: workflowTemplateBody,
      bodyExample: exampleWorkflowTemplateBody,
      versions: workflowTemplates,
      present: async (db, templates) => {
        const roles = await roleNames(db);
        return templates.map((template) => presentWorkflowTemplate(template, roles));
      },
    }),
  ];
}
