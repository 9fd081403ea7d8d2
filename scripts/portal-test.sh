# shellcheck shell=bash
# `./portal test` — sourced by ./portal, which provides log/die/spawn/prepare.
#
# Stages: types, lint, config schema, unit + integration tests (SQLite and a
# throw-away PostgreSQL), frontend build, end-to-end in Debian's Chromium
# against a portal started here. Each stage is timed; the run ends with
# "N passed, N failed" over every test and check.

TEST_DIR=""
PASSED=0
FAILED=0
STAGE_REPORT=()
FAILED_STAGES=()

# stage NAME CMD... — run a stage, time it, record its outcome.
stage() {
  local name="$1"; shift
  local t0=$SECONDS status=0
  log "── $name"
  "$@" || status=$?
  local took=$((SECONDS - t0))
  if [ "$status" -eq 0 ]; then
    STAGE_REPORT+=("$(printf '%-28s %5ss  ok' "$name" "$took")")
  else
    STAGE_REPORT+=("$(printf '%-28s %5ss  FAILED' "$name" "$took")")
    FAILED_STAGES+=("$name")
  fi
  return 0
}

# A check that is not a test runner counts as one test.
count_check() { if "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); return 1; fi; }

# Add the totals of a jest or Playwright JSON report.
count_report() {
  local kind="$1" file="$2" counts
  if [ ! -s "$file" ]; then FAILED=$((FAILED + 1)); log "no $kind report at $file"; return 1; fi
  counts="$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
    if (process.argv[1] === "jest") {
      console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites || 0));
    } else {
      const s = r.stats;
      if (s.flaky) console.error(`${s.flaky} end-to-end test(s) passed only on retry (flaky)`);
      console.log(s.expected + (s.flaky || 0), s.unexpected);
    }' "$kind" "$file")"
  PASSED=$((PASSED + ${counts% *}))
  FAILED=$((FAILED + ${counts#* }))
}

# ---------------------------------------------------------------- stages ----

test_types() { count_check yarn tsc; }

test_lint() { count_check yarn backstage-cli repo lint; }

# The production config's variables: placeholders for the checks. The secret
# ones get the given value (a canary in the bundle scan) with their name.
SECRET_VARS=(POSTGRES_PASSWORD BACKEND_SECRET GITHUB_TOKEN AUTH_GITHUB_CLIENT_SECRET
  AUTH_OIDC_CLIENT_SECRET ARGOCD_READONLY_TOKEN ARGOCD_SYNC_TOKEN K8S_BASE_CLUSTER_CA_DATA K8S_PLATFORM_CLUSTER_CA_DATA
  SLACK_BOT_TOKEN)
production_env() {
  local secret="${1:-secret}" v
  echo POSTGRES_HOST=db POSTGRES_PORT=5432 POSTGRES_USER=u AUTH_GITHUB_CLIENT_ID=i \
    BASE_PLATFORM_REPO_URL=https://github.com/o/r/tree/main ARGOCD_URL=https://argocd PROMETHEUS_URL=https://prometheus \
    AUTH_OIDC_METADATA_URL=https://idp/.well-known/openid-configuration AUTH_OIDC_CLIENT_ID=i \
    K8S_BASE_CLUSTER_URL=https://base K8S_PLATFORM_CLUSTER_URL=https://platform
  for v in "${SECRET_VARS[@]}"; do echo "$v=$secret-$v"; done
}

test_config() {
  local status=0
  count_check yarn backstage-cli config:check --strict --config app-config.yaml || status=1
  # shellcheck disable=SC2046
  # with the optional Slack delivery (config/slack.yaml), as a deployment adds it
  count_check env $(production_env) \
    yarn backstage-cli config:check --strict --config app-config.production.yaml --config config/slack.yaml || status=1
  return $status
}

# The frontend built with the production config and canary secret values
# holds none of them (and does hold the production config's public values).
test_bundle_secrets() {
  local canary out="$TEST_DIR/bundle-scan.log" leaks
  canary="canary$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  rm -rf "$ROOT/packages/app/dist"
  # shellcheck disable=SC2046
  if ! env $(production_env "$canary") yarn workspace app build --config ../../app-config.production.yaml --config ../../config/slack.yaml >"$out" 2>&1; then
    tail -n 30 "$out"; FAILED=$((FAILED + 1)); return 1
  fi
  if ! grep -rqs "fin.vsem-svoim.com" "$ROOT/packages/app/dist"; then
    log "the canary build does not carry the production config"; FAILED=$((FAILED + 1)); return 1
  fi
  leaks="$(grep -rl "$canary" "$ROOT/packages/app/dist" || true)"
  # the end-to-end tests build again with the development config
  rm -rf "$ROOT/packages/app/dist"
  if [ -n "$leaks" ]; then
    log "secret values in the frontend bundle: $leaks"; FAILED=$((FAILED + 1)); return 1
  fi
  log "no secret value in the production bundle (${#SECRET_VARS[@]} canaries)"
  PASSED=$((PASSED + 1))
}

test_unit() {
  # the integration tests start a real Prometheus and PostgreSQL and use
  # TechDocs' mkdocs: installed here on a fresh machine, not first by a later stage
  ensure_debian_packages prometheus mkdocs
  start_postgres || { FAILED=$((FAILED + 1)); return 1; }
  local report="$TEST_DIR/jest.json" status=0
  yarn backstage-cli repo test --ci --json --outputFile="$report" || status=$?
  count_report jest "$report" || status=1
  return $status
}

test_build() { count_check ensure_app_build; }

# Wait until the catalog holds the example platform's 168 services, so the
# browser tests see a settled catalog rather than one still stitching.
wait_catalog() {
  local base="$1" token count i
  for i in $(seq 1 90); do
    token="$(curl -fsS "$base/api/auth/guest/refresh?env=development" -H 'X-Requested-With: XMLHttpRequest' 2>/dev/null \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).backstageIdentity.token)}catch{}})')"
    count="$(curl -fsS -H "Authorization: Bearer $token" \
      "$base/api/catalog/entities/by-query?limit=1&filter=kind=component,spec.type=service,metadata.annotations.base.io/module" 2>/dev/null \
      | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).totalItems)}catch{console.log(0)}})')"
    if [ "${count:-0}" -ge 168 ]; then log "catalog ready: $count services ($((i * 2)) s)"; return 0; fi
    sleep 2
  done
  log "the catalog did not reach 168 services within 180 s (has ${count:-0})"
  return 1
}

test_e2e() {
  ensure_debian_packages chromium
  local port
  local cfg="$TEST_DIR/app-config.e2e.yaml"
  mkdir -p "$TEST_DIR/sqlite"
  # the sandbox binds ports the OS gives it (0) and writes them down;
  # Prometheus and the backend start again on another port if theirs was taken
  export SANDBOX_CONTROL_PORT=0 SANDBOX_BASE_CLUSTER_PORT=0 SANDBOX_PLATFORM_CLUSTER_PORT=0 SANDBOX_ARGOCD_PORT=0 SANDBOX_METRICS_PORT=0
  export SANDBOX_PORTS_FILE="$TEST_DIR/sandbox-ports.json" PORTAL_PICKS_PORTS=1
  # a copy of the example platform as its own git repository: the scaffolder
  # tests commit new modules into it, the catalog and the sandbox read it
  local platform="$TEST_DIR/platform"
  rm -rf "$platform"; cp -r "$ROOT/examples/base-platform" "$platform"
  git -C "$platform" init -q -b main
  git -C "$platform" add -A
  git -C "$platform" -c user.name=portal-test -c user.email=test@localhost commit -q -m "example platform"
  export BASE_PLATFORM_DIR="$platform" SANDBOX_REFRESH_SECONDS=5 PLATFORM_DIR="$platform"
  start_sandbox "$TEST_DIR/sandbox.log"
  start_prometheus "$TEST_DIR/prometheus" "$(free_port)" 5s
  local prometheus_port="$PROMETHEUS_PORT"
  log "platform sandbox (control :$SANDBOX_CONTROL_PORT) and Prometheus (:$prometheus_port) started"
  export PROMETHEUS_PID SANDBOX_CONTROL_URL="http://127.0.0.1:$SANDBOX_CONTROL_PORT" PROMETHEUS_URL="http://127.0.0.1:$prometheus_port"
  write_e2e_config() {
  cat > "$cfg" <<EOF
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen:
    port: $port
  database:
    client: better-sqlite3
    connection:
      directory: $TEST_DIR/sqlite
kubernetes:
  serviceLocatorMethod:
    type: multiTenant
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: base-app-layer-dev
          url: http://127.0.0.1:$SANDBOX_BASE_CLUSTER_PORT
          authProvider: serviceAccount
          serviceAccountToken: sandbox
          skipTLSVerify: true
          skipMetricsLookup: true
        - name: platform-app-layer-dev
          url: http://127.0.0.1:$SANDBOX_PLATFORM_CLUSTER_PORT
          authProvider: serviceAccount
          serviceAccountToken: sandbox
          skipTLSVerify: true
          skipMetricsLookup: true
argocd:
  appLocatorMethods:
    - type: config
      instances:
        - name: argocd
          url: http://127.0.0.1:$SANDBOX_ARGOCD_PORT
          username: admin
          password: sandbox
syncWaves:
  cacheTtlSeconds: 5
apiStatus:
  intervalSeconds: 10
  jitterSeconds: 2
  # windows of minutes, so errorBudget.test.ts sees an incident open and end
  errorBudget:
    evaluateSeconds: 5
    rules:
      - { name: fast burn, severity: critical, factor: 14.4, longMinutes: 2, shortMinutes: 1 }
  toolHealthUrls:
    argocd: http://127.0.0.1:$SANDBOX_ARGOCD_PORT/api/version
    prometheus: http://127.0.0.1:$prometheus_port/-/healthy
    vault: http://127.0.0.1:$SANDBOX_CONTROL_PORT/tools/vault/v1/sys/health?standbyok=true
    airflow: http://127.0.0.1:$SANDBOX_CONTROL_PORT/tools/airflow/health
    mlflow: http://127.0.0.1:$SANDBOX_CONTROL_PORT/tools/mlflow/health
    kubeflow: http://127.0.0.1:$SANDBOX_CONTROL_PORT/tools/kubeflow/apis/v1beta1/healthz
    superset: http://127.0.0.1:$SANDBOX_CONTROL_PORT/tools/superset/health
    grafana: http://127.0.0.1:$SANDBOX_CONTROL_PORT/tools/grafana/api/health
    kiali: http://127.0.0.1:$SANDBOX_CONTROL_PORT/tools/kiali/kiali/api/status
ingestion:
  prometheus:
    baseUrl: http://127.0.0.1:$prometheus_port
    timeoutSeconds: 3
  cacheSeconds: 5
  # the tests switch scenarios: a 30 s window follows within a minute
  recordingRules: false
  rateWindow: 30s
karpenter:
  cacheSeconds: 5
  spotPriceHistory:
    endpoint: http://127.0.0.1:$SANDBOX_CONTROL_PORT/aws/ec2
catalog:
  providers:
    basePlatform:
      directory: $platform
      schedule:
        frequency: { seconds: 30 }
        timeout: { minutes: 2 }
        initialDelay: { seconds: 1 }
EOF
  }
  local try ready=0
  for try in $(seq 1 "$BIND_TRIES"); do
    port="$(free_port)"
    write_e2e_config
    log "starting the portal for end-to-end tests on :$port"
    start_backend "$TEST_DIR/backend.log" "$ROOT/app-config.yaml" "$cfg"
    if wait_http "http://localhost:$port/.backstage/health/v1/readiness" 300 "$BACKEND_PID"; then ready=1; break; fi
    stop_pid "$BACKEND_PID"
    bind_failed "$TEST_DIR/backend.log" || break
    log "port $port was taken before the backend bound it; another one"
  done
  if [ "$ready" -ne 1 ]; then
    tail -n 40 "$TEST_DIR/backend.log"; FAILED=$((FAILED + 1)); return 1
  fi
  wait_catalog "http://localhost:$port" || { FAILED=$((FAILED + 1)); return 1; }
  local report="$TEST_DIR/playwright.json" status=0
  PLAYWRIGHT_URL="http://localhost:$port" PLAYWRIGHT_JSON_OUTPUT_NAME="$report" \
    E2E_SCREENS_DIR="$TEST_DIR/screens" \
    yarn playwright test --reporter=list,json || status=$?
  count_report playwright "$report" || status=1
  stop_pid "$BACKEND_PID"
  stop_pid "$PROMETHEUS_PID"
  stop_pid "$SANDBOX_PID"
  return $status
}

# Runs a resilience script on PostgreSQL; each of its checks counts (its last
# line: "[tag] N passed, M failed").
run_checks() {
  local tag="$1" script="$2" out="$TEST_DIR/$1.log" status=0 counts
  [ -n "${PORTAL_POSTGRES_URL:-}" ] || start_postgres || { FAILED=$((FAILED + 1)); return 1; }
  TEST_DIR="$TEST_DIR" node --require @backstage/cli-node/config/nodeTransform.cjs \
    "$ROOT/scripts/resilience/$script" 2>&1 | tee "$out" || status=$?
  counts="$(sed -nE "s/^\[$tag\] ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p" "$out" | tail -n 1)"
  if [ -z "$counts" ]; then FAILED=$((FAILED + 1)); return 1; fi
  PASSED=$((PASSED + ${counts% *}))
  FAILED=$((FAILED + ${counts#* }))
  [ "${counts#* }" -eq 0 ] && [ "$status" -eq 0 ]
}

# The backend killed (SIGKILL) during a scaffolder run on PostgreSQL, then
# started again: the run is failed with its log, the tree and the database
# intact.
test_resilience() { run_checks resilience scaffolderKill.ts; }

# Two replicas on one PostgreSQL behind a round-robin proxy; one is SIGKILLed
# during an ingestion, a scaffolder run and a probe run while users browse
# through the proxy (scripts/resilience/replicas.ts says what is checked).
test_replicas() {
  ensure_debian_packages chromium prometheus
  ensure_app_build
  run_checks replicas replicas.ts
}

# 50 users browsing for 10 minutes (SOAK_SECONDS, SOAK_USERS) on PostgreSQL:
# the requests of the real pages, recorded in Chromium; no errors, memory
# growth under 15 %.
test_soak() {
  ensure_debian_packages chromium prometheus
  ensure_app_build
  run_checks soak browsingSoak.ts
}

cmd_test() {
  local t0=$SECONDS
  TEST_DIR="$DATA/test-run"
  rm -rf "$TEST_DIR"; mkdir -p "$TEST_DIR"
  export CI="${CI:-true}"
  stage "toolchain and dependencies" prepare
  if [ ${#FAILED_STAGES[@]} -gt 0 ]; then die "set-up failed"; fi
  stage "types (tsc)" test_types
  stage "lint" test_lint
  stage "config schema (--strict)" test_config
  stage "unit and integration" test_unit
  stage "bundle secret scan" test_bundle_secrets
  stage "frontend build" test_build
  stage "end-to-end (Chromium)" test_e2e
  stage "resilience (PostgreSQL)" test_resilience
  stage "resilience with replicas (PostgreSQL)" test_replicas
  stage "soak: 50 users, 10 minutes (PostgreSQL)" test_soak

  echo
  log "stage                          time  result"
  printf '  %s\n' "${STAGE_REPORT[@]}"
  log "total $((SECONDS - t0)) s"
  if [ ${#FAILED_STAGES[@]} -gt 0 ]; then
    log "${RED}failed: ${FAILED_STAGES[*]}${RESET}"
  fi
  echo "$PASSED passed, $FAILED failed"
  [ ${#FAILED_STAGES[@]} -eq 0 ] && [ "$FAILED" -eq 0 ]
}
