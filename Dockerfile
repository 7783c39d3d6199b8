# Builds from a clean checkout and runs the test suite in the build stage; the runtime image holds the
# production dependencies only. docker build -t modelapi . && docker run -p 5000:5000 -v modelapi:/data \
#   -e MODELAPI_TOKEN=$(openssl rand -hex 32) modelapi
FROM node:20-bookworm AS test
WORKDIR /src
COPY package.json package-lock.json ./
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci
COPY . .
RUN npm run typecheck && npm test

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
 && ONNXRUNTIME_NODE_INSTALL=skip npm ci --omit=dev && apt-get purge -y python3 make g++ && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/* /root/.npm
COPY bin bin
COPY src src
COPY fixtures fixtures
# The JavaScript bundles of the sources (src/bundles.mjs) are built now, as root: at run time node_modules
# is not writable by the node user, and without them every start would run the TypeScript through tsx.
RUN node bin/modelapi.mjs --version && node -e "import('./src/bundles.mjs').then((b) => b.bundleUrl('worker', 'src/pool/worker.ts')).then((u) => { if (!u) process.exit(1); })"
USER node
VOLUME /data
EXPOSE 5000
# node is PID 1's direct command (no npm wrapper), so `docker stop`'s SIGTERM reaches the daemon.
# Inside a container the daemon must listen on all interfaces; it then requires MODELAPI_TOKEN
# (or --insecure, if a proxy in front does the authentication).
# --max-semi-space-size=4: a small young generation, shorter pauses; docs/benchmarks.md ("2026-12-06").
ENTRYPOINT ["node", "--max-semi-space-size=4", "bin/modelapi.mjs", "serve", "--host", "0.0.0.0", "--db", "/data/modelapi.db"]
