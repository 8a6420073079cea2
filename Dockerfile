# One API replica of Kulturskolegrafen (see README, "Running several replicas",
# and compose.yaml). Checked for syntax only: no Docker engine was available
# where it was written, so this image has not been built or run.
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first, so that a change to the code alone reuses this layer.
# devDependencies too: the build needs TypeScript and graphql-codegen.
# patches/ too: npm ci's postinstall applies them (see patches/README.md).
COPY package.json package-lock.json .npmrc ./
COPY patches ./patches
RUN npm ci

COPY . .
# npm run build = codegen (graphql-codegen) + tsc into dist/. The server reads
# schema/ and data/ (shapes, context, the shipped graphs that seed an empty
# store) beside dist/ at run time, so they stay in the image.
RUN npm run build

# The same as `npm start` without its prestart build (done above) and without
# npm in between, so that SIGTERM reaches the server, which then drains and
# stops. Keep the flags in step with the "start" script in package.json.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
USER node
EXPOSE 4000
CMD ["node", "--expose-gc", "--max-semi-space-size=64", "dist/main.js"]
