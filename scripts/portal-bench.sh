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

write_benchmarks_md() {
  node "$ROOT/scripts/bench/writeBenchmarks.mjs" "$BENCH_DIR" "$ROOT/docs/benchmarks.md"
}

cmd_bench() {
  local t0=$SECONDS
  prepare
  mkdir -p "$BENCH_DIR"
  ensure_stock_app
  start_postgres
  # BENCH_SKIP_CATALOG=1 keeps the last 1,400-module catalog run (it takes about 10 minutes)
  if [ -z "${BENCH_SKIP_CATALOG:-}" ]; then
    log "catalog ingestion: ours (provider) vs stock (file location), same entities, PostgreSQL"
    node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/catalogBench.ts" \
      || die "the catalog benchmark failed"
  fi
  log "backend start and memory with every plugin and the example platform, ours vs stock (3 rounds)"
  BENCH_PLATFORM=example BENCH_ROUNDS="${BENCH_STARTUP_ROUNDS:-3}" BENCH_QUERIES=100 BENCH_RESULTS=startup-results.json \
    node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/catalogBench.ts" \
    || die "the start and memory benchmark failed"
  log "Deploy and Health tab APIs under load (sync-waves vs Roadie's per-application lookups) and the cost of probing"
  node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/tabsBench.ts" \
    || die "the Deploy/Health benchmark failed"
  log "Karpenter capacity API against a sandbox cluster of 500 nodes and 5,000 pods"
  node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/capacityBench.ts" \
    || die "the capacity benchmark failed"
  log "first load and navigation in Chromium, ours vs stock"
  ensure_debian_packages chromium
  ensure_app_build
  if [ ! -f "$STOCK_DIR/packages/app/dist/index.html" ]; then
    log "building the stock app's frontend"
    (cd "$STOCK_DIR" && yarn workspace app build >"$BENCH_DIR/stock-build.log" 2>&1) \
      || { tail -n 20 "$BENCH_DIR/stock-build.log"; die "the stock frontend did not build"; }
  fi
  node --require @backstage/cli-node/config/nodeTransform.cjs "$ROOT/scripts/bench/pageBench.ts" \
    || die "the page-load benchmark failed"
  write_benchmarks_md
  log "benchmarks done in $((SECONDS - t0)) s; see docs/benchmarks.md"
}
