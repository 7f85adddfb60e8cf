import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from '../../http/zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { NotFoundError } from '../../http/errors';

const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const redocBundle = require.resolve('redoc/bundles/redoc.standalone.js');

/** Only these files are served, so a path parameter can never escape the package folder. */
const assets: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: path.join(swaggerDir, 'swagger-ui.css'), type: 'text/css' },
  'swagger-ui-bundle.js': { file: path.join(swaggerDir, 'swagger-ui-bundle.js'), type: 'application/javascript' },
  'swagger-ui-standalone-preset.js': {
    file: path.join(swaggerDir, 'swagger-ui-standalone-preset.js'),
    type: 'application/javascript',
  },
  'swagger-init.js': { file: '', type: 'application/javascript' },
  'redoc.standalone.js': { file: redocBundle, type: 'application/javascript' },
};

const swaggerInit = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/api/schema/', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });
});`;

const swaggerHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Procurement API — Swagger UI</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/assets/swagger-init.js"></script></body></html>`;

const redocHtml = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Procurement API — ReDoc</title></head>
<body><redoc spec-url="/api/schema/"></redoc><script src="/api/docs/assets/redoc.standalone.js"></script></body></html>`;

/** OpenAPI JSON, Swagger UI and ReDoc, all served from installed packages (no CDN). */
export function docsRoutes(getDocument: () => unknown): AnyRoute[] {
  const html = (body: string) => async () => ({ body, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  return [
    defineRoute({
      method: 'get',
      path: '/schema/',
      operationId: 'openApiSchema',
      summary: 'This OpenAPI 3.1 document',
      tags: ['Documentation'],
      auth: 'public',
      responses: {
        200: {
          description: 'OpenAPI 3.1 JSON',
          schema: z.record(z.string(), z.unknown()),
          example: {
            openapi: '3.1.0',
            info: { title: 'Procurement service API', version: '1.0.0' },
            paths: { '/api/me/': {} },
          },
        },
      },
      handler: async () => ({ body: getDocument() }),
    }),
    defineRoute({
      method: 'get',
      path: '/docs/',
      operationId: 'swaggerUi',
      summary: 'Swagger UI',
      tags: ['Documentation'],
      auth: 'public',
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: html(swaggerHtml),
    }),
    defineRoute({
      method: 'get',
      path: '/docs/assets/{file}',
      operationId: 'docsAsset',
      summary: 'Script and style files of the documentation pages',
      tags: ['Documentation'],
      auth: 'public',
      params: z.strictObject({ file: z.string().max(64) }),
      responses: { 200: { description: 'The file', contentType: 'application/javascript' } },
      handler: async ({ params }) => {
        const asset = Object.hasOwn(assets, params.file) ? assets[params.file] : undefined;
        if (!asset) throw new NotFoundError();
        const body = asset.file ? await readFile(asset.file) : swaggerInit;
        return { body, headers: { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=3600' } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/redoc/',
      operationId: 'redoc',
      summary: 'ReDoc',
      tags: ['Documentation'],
      auth: 'public',
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: html(redocHtml),
    }),
  ];
}
