# shellcheck shell=bash
# `./portal bench` — sourced by ./portal, which provides log/die/prepare/start_postgres.
#
# Benchmarks, each against a stock @backstage/create-app of the same release
# measured in the same run (created under .bench/stock, ignored). Results go
# to .bench/*.json and docs/benchmarks.md.

BENCH_DIR="$ROOT/.bench"
STOCK_DIR="$BENCH_DIR/stock"
CREATE_APP_VERSION="0.9.2"

# A stock create-app, aligned on our release with `yarn up '@backstage/*'`.
ensure_stock_app() {
  local ours stock
  ours="$(node -p 'require("./node_modules/@backstage/backend-defaults/package.json").version')"
  if [ -f "$STOCK_DIR/node_modules/@backstage/backend-defaults/package.json" ]; then
    stock="$(cd "$STOCK_DIR" && node -p 'require("./node_modules/@backstage/backend-defaults/package.json").version')"
    [ "$stock" = "$ours" ] && return 0
  fi
  log "creating a stock app with @backstage/create-app@$CREATE_APP_VERSION in .bench/stock"
  rm -rf "$STOCK_DIR"; mkdir -p "$BENCH_DIR"
  echo stock-app | npx -y "@backstage/create-app@$CREATE_APP_VERSION" --path "$STOCK_DIR" --skip-install >"$BENCH_DIR/create-app.log" 2>&1 \
    || { tail -n 20 "$BENCH_DIR/create-app.log"; die "create-app failed"; }
  log "installing the stock app and aligning it on our release (yarn up '@backstage/*')"
  (cd "$STOCK_DIR" && yarn install >"$BENCH_DIR/stock-install.log" 2>&1 && yarn up '@backstage/*' >>"$BENCH_DIR/stock-install.log" 2>&1) \
    || { tail -n 20 "$BENCH_DIR/stock-install.log"; die "the stock app did not install"; }
  stock="$(cd "$STOCK_DIR" && node -p 'require("./node_modules/@backstage/backend-defaults/package.json").version')"
  [ "$stock" = "$ours" ] || die "stock app has @backstage/backend-defaults $stock, we have $ours"
}

# A backend as the Dockerfile ships it: the bundle of `backstage-cli package
# build` (workspace packages built, config schemas compiled to JSON) unpacked
# into $2, which lies inside the repository $1 so that every other dependency
# resolves from $1/node_modules as `yarn workspaces focus --production` would
# install it; the bundle's workspace packages are linked from $2/node_modules.
unpack_backend_bundle() {
  local repo="$1" dir="$2" pj name
  (cd "$repo" && yarn workspace backend build >"$dir.build.log" 2>&1) \
    || { tail -n 20 "$dir.build.log"; die "the backend bundle of $repo did not build"; }
  rm -rf "$dir"; mkdir -p "$dir/node_modules"
  tar xzf "$repo/packages/backend/dist/bundle.tar.gz" -C "$dir"
  for pj in "$dir"/packages/*/package.json "$dir"/plugins/*/package.json; do
    [ -f "$pj" ] || continue
    name="$(node -p "require('$pj').name")"
    mkdir -p "$dir/node_modules/$(dirname "$name")"
    ln -sfn "$(dirname "$pj")" "$dir/node_modules/$name"
  done
}

ensure_stock_frontend() {
  [ -f "$STOCK_DIR/packages/app/dist/index.html" ] && return 0
  log "building the stock app's frontend"
  (cd "$STOCK_DIR" && yarn workspace app build >"$BENCH_DIR/stock-build.log" 2>&1) \
    || { tail -n 20 "$BENCH_DIR/stock-build.log"; die "the stock frontend did not build"; }
}

write_benchmarks_md() {
  node "$ROOT/scripts/bench/writeBenchmarks.mjs" "$BENCH_DIR" "$ROOT/docs/benchmarks.md"
}

# BENCH_ONLY=pages,tabs,… runs only those benchmarks (catalog, startup, tabs,
# check, capacity, mcp, pages); the others keep their last section of
# docs/benchmarks.md, with its "Measured" date.
bench_wanted() { [ -z "${BENCH_ONLY:-}" ] || [[ ",$BENCH_ONLY," == *",$1,"* ]]; }

cmd_bench() {
  local t0=$SECONDS
  prepare
  mkdir -p "$BENCH_DIR"
  ensure_stock_app
  start_postgres
  # BENCH_SKIP_CATALOG=1 keeps the last 1,400-module catalog run (it takes about 10 minutes)
  if [ -z "${BENCH_SKIP_CATALOG:-}" ] && bench_wanted catalog; then
    log "catalog ingestion: ours (provider) vs stock (file location), same entities, PostgreSQL"
    node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/catalogBench.ts" \
      || die "the catalog benchmark failed"
  fi
  # the built frontends: served by the bundles of the start benchmark and loaded by the page benchmark
  if bench_wanted startup || bench_wanted pages; then
    ensure_app_build
    ensure_stock_frontend
  fi
  if bench_wanted startup; then
    log "backend start and memory with every plugin and the example platform, ours vs stock, as built bundles (3 rounds)"
    unpack_backend_bundle "$ROOT" "$BENCH_DIR/bundle-ours"
    unpack_backend_bundle "$STOCK_DIR" "$STOCK_DIR/bundle"
    BENCH_BUNDLE_OURS="$BENCH_DIR/bundle-ours" BENCH_BUNDLE_STOCK="$STOCK_DIR/bundle" BENCH_SETTLE_SECONDS=30 \
    BENCH_PLATFORM=example BENCH_ROUNDS="${BENCH_STARTUP_ROUNDS:-3}" BENCH_QUERIES=100 BENCH_RESULTS=startup-results.json \
      node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/catalogBench.ts" \
      || die "the start and memory benchmark failed"
  fi
  if bench_wanted tabs; then
    log "Deploy and Health tab APIs under load (sync-waves vs Roadie's per-application lookups) and the cost of probing"
    node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/tabsBench.ts" \
      || die "the Deploy/Health benchmark failed"
  fi
  if bench_wanted check; then
    log "./portal check on the 1,400-module synthetic platform"
    BENCH_DIR="$BENCH_DIR" node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/checkBench.ts" \
      || die "the check benchmark failed"
  fi
  if bench_wanted capacity; then
    log "Karpenter capacity API against a sandbox cluster of 500 nodes and 5,000 pods"
    node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/capacityBench.ts" \
      || die "the capacity benchmark failed"
  fi
  if bench_wanted mcp; then
    log "the read tools over MCP (20 SDK clients) beside the page routes"
    node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/mcpBench.ts" \
      || die "the MCP benchmark failed"
  fi
  if bench_wanted pages; then
    log "first load and navigation in Chromium, ours vs stock"
    ensure_debian_packages chromium
    node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/pageBench.ts" \
      || die "the page-load benchmark failed"
  fi
  write_benchmarks_md
  log "benchmarks done in $((SECONDS - t0)) s; see docs/benchmarks.md"
}
