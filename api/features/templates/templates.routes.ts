import type { Model, QueryBuilder } from 'objection';
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
import { applyOrdering, listQuery, pageEnvelope, paginated } from '../../http/pagination';
import { fetchPage, containsPattern } from '../../../db/paging';
import { NotFoundError } from '../../http/errors';
import type { AppDeps } from '../../app-deps';
import { FormTemplate, Role, WorkflowTemplate } from '../../../db/models';
import {
  findFormTemplate,
  findWorkflowTemplate,
  saveFormTemplate,
  saveWorkflowTemplate,
} from '../../../db/repositories/templates.repository';
import { presentFormTemplate, presentWorkflowTemplate } from './templates.presenter';
import { formTemplateDraft, workflowTemplateDraft } from './template-drafts';

interface TemplateKind<M extends Model, B extends ZodType> {
  path: string;
  noun: string;
  tag: string;
  idName: string;
  table: string;
  query: () => QueryBuilder<M, M[]>;
  graph: string;
  schema: ZodType;
  example: unknown;
  body: B;
  bodyExample: z.input<B>;
  find: (id: string) => Promise<M | undefined>;
  /** Presents a batch with one lookup of shared reference data (no query per template). */
  present: (templates: M[]) => Promise<unknown[]>;
  save: (body: z.output<B>, userId: string, familyId?: string) => Promise<string>;
}

/** Read routes for everyone, create and new-version routes for admins; the same shape for both kinds. */
function versionedTemplateRoutes<M extends Model, B extends ZodType>(
  deps: AppDeps,
  kind: TemplateKind<M, B>,
): AnyRoute[] {
  const found = async (id: string) => {
    const template = await kind.find(id);
    if (!template) throw new NotFoundError();
    return template;
  };
  const presentOne = async (template: M) => (await kind.present([template]))[0];
  const columns = {
    name: `${kind.table}.name`,
    created_at: `${kind.table}.createdAt`,
    version_number: `${kind.table}.versionNumber`,
  };
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
      handler: async ({ query, ctx }) => {
        const builder = kind.query().withGraphFetched(kind.graph);
        if (!query.all_versions) builder.where(`${kind.table}.isCurrent`, true);
        if (query.team)
          builder.where((q) => {
            q.where(`${kind.table}.teamId`, query.team as string).orWhereNull(`${kind.table}.teamId`);
          });
        if (query.search) builder.whereILike(`${kind.table}.name`, containsPattern(query.search));
        applyOrdering(builder, query.ordering, columns, 'name', `${kind.table}.id`);
        const page = await fetchPage(builder, query.page, query.page_size);
        const results = await kind.present(page.results);
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
      handler: async ({ params }) => ({ body: await presentOne(await found(params.id)) }),
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
      handler: async ({ body, principal }) => {
        const id = await kind.save(body, principal.userId);
        return { status: 201, body: await presentOne(await found(id)) };
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
      handler: async ({ params, body, principal }) => {
        const previous = (await found(params.id)) as unknown as { familyId: string };
        const id = await kind.save(body, principal.userId, previous.familyId);
        return { status: 201, body: await presentOne(await found(id)) };
      },
    }),
  ];
}

export function templateRoutes(deps: AppDeps): AnyRoute[] {
  const roleNames = async () => new Map((await Role.query(deps.knex)).map((role) => [role.code, role]));
  return [
    ...versionedTemplateRoutes<FormTemplate, typeof formTemplateBody>(deps, {
      path: '/prs/form-templates',
      noun: 'form template',
      tag: 'Templates',
      idName: 'FormTemplate',
      table: 'form_templates',
      query: () => FormTemplate.query(deps.knex),
      graph: '[team, fields]',
      schema: formTemplateSchema,
      example: exampleFormTemplate,
      body: formTemplateBody,
      bodyExample: exampleFormTemplateBody,
      find: async (id) => findFormTemplate(deps.knex, id),
      present: async (templates) => templates.map(presentFormTemplate),
      save: async (body, userId, familyId) =>
        saveFormTemplate(deps.knex, await formTemplateDraft(deps.knex, body, userId), familyId),
    }),
    ...versionedTemplateRoutes<WorkflowTemplate, typeof workflowTemplateBody>(deps, {
      path: '/prs/workflows',
      noun: 'workflow template',
      tag: 'Templates',
      idName: 'WorkflowTemplate',
      table: 'workflow_templates',
      query: () => WorkflowTemplate.query(deps.knex),
      graph: '[team, steps]',
      schema: workflowTemplateSchema,
      example: exampleWorkflowTemplate,
      body: workflowTemplateBody,
      bodyExample: exampleWorkflowTemplateBody,
      find: async (id) => findWorkflowTemplate(deps.knex, id),
      present: async (templates) => {
        const roles = await roleNames();
        return templates.map((template) => presentWorkflowTemplate(template, roles));
      },
      save: async (body, userId, familyId) =>
        saveWorkflowTemplate(deps.knex, await workflowTemplateDraft(deps.knex, body, userId), familyId),
    }),
  ];
}
