import type { Knex } from 'knex';
import type { Model, QueryBuilder } from 'objection';
import type { z } from 'zod';
import { FormTemplate, Role, WorkflowTemplate } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import {
  findFormTemplate,
  findWorkflowTemplate,
  saveFormTemplate,
  saveWorkflowTemplate,
} from '../../../db/repositories/templates.repository';
import { NotFoundError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { formTemplateDraft, workflowTemplateDraft } from './template-drafts';
import type { formTemplateBody, workflowTemplateBody } from './templates.schemas';

export interface TemplateFilters {
  page: number;
  page_size: number;
  ordering?: string;
  search?: string;
  team?: string;
  all_versions?: boolean;
}

/** The use cases of one kind of template: every version is a row, and the newest of a family is current. */
export interface TemplateVersions<M extends Model, B> {
  /** Current versions unless `all_versions`; `team` narrows to its own templates and those for every team. */
  list: (query: TemplateFilters) => Promise<Page<M>>;
  get: (id: string) => Promise<M>;
  /** Version 1 of a new family. */
  create: (body: B, userId: string) => Promise<M>;
  /** A new current version in the family of `id`. */
  publish: (id: string, body: B, userId: string) => Promise<M>;
}

/** Where one kind is stored and how a body becomes a version of it. */
interface TemplateStore<M extends Model, B> {
  table: string;
  graph: string;
  query: () => QueryBuilder<M, M[]>;
  find: (id: string) => Promise<M | undefined>;
  save: (body: B, userId: string, familyId?: string) => Promise<string>;
}

function templateVersions<M extends Model, B>(store: TemplateStore<M, B>): TemplateVersions<M, B> {
  const { table } = store;
  const columns = { name: `${table}.name`, created_at: `${table}.createdAt`, version_number: `${table}.versionNumber` };
  const get = async (id: string) => {
    const template = await store.find(id);
    if (!template) throw new NotFoundError();
    return template;
  };
  return {
    list: async (query) => {
      const builder = store.query().withGraphFetched(store.graph);
      if (!query.all_versions) builder.where(`${table}.isCurrent`, true);
      if (query.team)
        builder.where((q) => {
          q.where(`${table}.teamId`, query.team as string).orWhereNull(`${table}.teamId`);
        });
      if (query.search) builder.whereILike(`${table}.name`, containsPattern(query.search));
      applyOrdering(builder, query.ordering, columns, 'name', `${table}.id`);
      return fetchPage(builder, query.page, query.page_size);
    },
    get,
    create: async (body, userId) => get(await store.save(body, userId)),
    publish: async (id, body, userId) => {
      const previous = (await get(id)) as unknown as { familyId: string };
      return get(await store.save(body, userId, previous.familyId));
    },
  };
}

export const formTemplates = (knex: Knex) =>
  templateVersions<FormTemplate, z.output<typeof formTemplateBody>>({
    table: 'form_templates',
    graph: '[team, fields]',
    query: () => FormTemplate.query(knex),
    find: async (id) => findFormTemplate(knex, id),
    save: async (body, userId, familyId) =>
      saveFormTemplate(knex, await formTemplateDraft(knex, body, userId), familyId),
  });

export const workflowTemplates = (knex: Knex) =>
  templateVersions<WorkflowTemplate, z.output<typeof workflowTemplateBody>>({
    table: 'workflow_templates',
    graph: '[team, steps]',
    query: () => WorkflowTemplate.query(knex),
    find: async (id) => findWorkflowTemplate(knex, id),
    save: async (body, userId, familyId) =>
      saveWorkflowTemplate(knex, await workflowTemplateDraft(knex, body, userId), familyId),
  });

/** Every role by its code: what a workflow template's steps show as their approvers' names. */
export const roleNames = async (knex: Knex): Promise<Map<string, Role>> =>
  new Map((await Role.query(knex)).map((role) => [role.code, role]));
