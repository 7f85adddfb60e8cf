import { escapeHtml } from './html';

export type RequestEmailKind =
  | 'approval_requested'
  | 'reminder'
  | 'escalated'
  | 'step_approved'
  | 'rejected'
  | 'completed'
  | 'completed_finance'
  | 'withdrawn';

export interface RequestFacts {
  id: string;
  subject: string;
  vendorName: string;
  amount: string;
  currency: string;
  teamName: string;
  requestorName: string;
  link: string;
}

export interface EmailContext {
  request: RequestFacts;
  actorName?: string;
  stepName?: string;
  comment?: string;
}

interface Rendered {
  subject: string;
  /** Sentences saying what happened and who did it; the facts and the link follow in every message. */
  lines: string[];
}

const renderers: Record<RequestEmailKind, (c: EmailContext) => Rendered> = {
  approval_requested: (c) => ({
    subject: `Approval needed: ${c.request.subject}`,
    lines: [`${c.request.requestorName} (${c.request.teamName}) asks for your approval at the step "${c.stepName}".`],
  }),
  reminder: (c) => ({
    subject: `Reminder: ${c.request.subject} is waiting for your approval`,
    lines: [`This request has been waiting for your decision at the step "${c.stepName}".`],
  }),
  escalated: (c) => ({
    subject: `Escalated: ${c.request.subject} needs a decision`,
    lines: [
      `The step "${c.stepName}" was escalated to you.`,
      c.comment ?? '',
      'You may approve or reject it on your own.',
    ],
  }),
  step_approved: (c) => ({
    subject: `${c.actorName} approved ${c.request.subject}`,
    lines: [`${c.actorName} approved your request at the step "${c.stepName}".`, comment(c)],
  }),
  rejected: (c) => ({
    subject: `Rejected: ${c.request.subject}`,
    lines: [
      `${c.actorName} rejected your request at the step "${c.stepName}".`,
      comment(c),
      'You may edit it and submit it again.',
    ],
  }),
  completed: (c) => ({
    subject: `Completed: ${c.request.subject}`,
    lines: [`${c.actorName} completed the finance review of your request. A purchase order follows.`, comment(c)],
  }),
  completed_finance: (c) => ({
    subject: `Purchase request completed: ${c.request.subject}`,
    lines: [
      `${c.actorName} completed the purchase request of ${c.request.requestorName} (${c.request.teamName}).`,
      comment(c),
    ],
  }),
  withdrawn: (c) => ({
    subject: `Withdrawn: ${c.request.subject}`,
    lines: [`${c.request.requestorName} withdrew this request. No action is needed from you any more.`, comment(c)],
  }),
};

function comment(c: EmailContext): string {
  return c.comment ? `Comment: "${c.comment}"` : '';
}

/** The plain-text and HTML bodies of a request e-mail: what happened, who did it, the facts, the link. */
export function renderRequestEmail(
  kind: RequestEmailKind,
  context: EmailContext,
): { subject: string; text: string; html: string } {
  const { subject, lines } = renderers[kind](context);
  const r = context.request;
  const facts: Array<[string, string]> = [
    ['Subject', r.subject],
    ['Requestor', r.requestorName],
    ['Team', r.teamName],
    ['Vendor', r.vendorName || '—'],
    ['Amount', `${r.amount} ${r.currency}`],
  ];
  const said = lines.filter(Boolean);
  const text = [...said, '', ...facts.map(([k, v]) => `${k}: ${v}`), '', `Open the request: ${r.link}`, ''].join('\n');
  const html =
    said.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    `<table>${facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>` +
    `<p><a href="${escapeHtml(r.link)}">Open the request</a></p>`;
  return { subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 250), text, html };
}
