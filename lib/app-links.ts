/**
 * Addresses of the web app's pages (web/src/app/routes.tsx), for e-mails: a person follows the link,
 * signs in if needed, and lands on the page. The app's router owns these paths; keep them in step.
 */
export const appLinks = {
  home: (baseUrl: string) => `${baseUrl}/`,
  request: (baseUrl: string, id: string) => `${baseUrl}/requests/${encodeURIComponent(id)}`,
  order: (baseUrl: string, id: string) => `${baseUrl}/orders/${encodeURIComponent(id)}`,
  profile: (baseUrl: string) => `${baseUrl}/profile`,
};
