# The Tributary image (operations.md §13.1): compiled JavaScript on node:20-bookworm-slim, run as
# the non-root user `node`. Build it with `docker compose build` or `docker build -t tributary .`.
# Without TRIBUTARY_ENCRYPTION_KEY and TRIBUTARY_ADMIN_TOKEN a container exits 78, as
# NODE_ENV=production requires.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Compile src/ to dist/ with the development dependencies (TypeScript). The SDK workspace is
#    not part of the server, hence --workspaces=false here and below.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --workspaces=false --no-audit --no-fund --loglevel=warn
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Files that are not TypeScript (the SQL migrations, and any other file the code reads beside
# itself) go to the same place under dist/.
RUN npx tsc -p tsconfig.build.json \
 && cd src \
 && find . -type f ! -name '*.ts' ! -name '*.md' -exec cp --parents {} ../dist/ \;

# 2. The runtime dependencies only.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund --loglevel=warn

# 3. The image: no compiler, no sources, no npm cache.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    TRIBUTARY_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The data directory belongs to `node` with mode 0700 (operations.md §3.1); a new volume mounted
# here takes that owner and mode.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Liveness: /healthz answers while the event loop does (operations.md §9). The slim image has no
# curl, so Node's fetch asks; exit 1 on anything but 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || '8080') + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["serve"]
