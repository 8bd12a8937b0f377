# syntax=docker/dockerfile:1
# Otinish: compiled with the dev dependencies, shipped without them. Every build and run step is a
# subcommand of .ci/release, which CI runs as well, so the image and CI cannot drift apart.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY .ci/release .ci/patch-postgres.js .ci/
RUN .ci/release install
COPY . .
RUN .ci/release build && .ci/release prune

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000
WORKDIR /app
# The node image's unprivileged user owns only the data folder (PGlite without DATABASE_URL, and the files).
RUN mkdir -p /data && chown node:node /data
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/.ci/release .ci/release
# Runtime dependencies only; the DejaVu fonts for the letters come with them (dejavu-fonts-ttf).
COPY --from=build /app/node_modules node_modules/
COPY --from=build /app/dist dist/
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD [".ci/release", "healthcheck"]
CMD [".ci/release", "start"]
