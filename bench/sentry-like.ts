/**
 * A generated Compose file shaped like sentry's self-hosted one (57
 * services): YAML anchors and `<<` merge keys for shared defaults, a few
 * infrastructure services with health checks, and dozens of consumers and
 * workers that differ only in their command, all on the same `depends_on`
 * defaults. The bench times `config --quiet` on it; tsd's own corpus has no
 * file this big.
 */

const INFRA = ["redis", "postgres", "kafka", "clickhouse", "memcached", "smtp", "symbolicator", "vroom", "relay", "nginx", "taskbroker", "seaweedfs"];

/** The text of the file: 12 infrastructure services and 45 sentry/snuba workers. */
export function sentryLikeStack(): string {
  const lines: string[] = [
    "x-restart-policy: &restart_policy",
    "  restart: unless-stopped",
    "x-depends_on-healthy: &depends_on-healthy",
    "  condition: service_healthy",
    "x-depends_on-default: &depends_on-default",
    "  condition: service_started",
    "x-healthcheck-defaults: &healthcheck_defaults",
    '  interval: "$HEALTHCHECK_INTERVAL"',
    '  timeout: "$HEALTHCHECK_TIMEOUT"',
    '  retries: $HEALTHCHECK_RETRIES',
    '  start_period: 10s',
    "x-sentry-defaults: &sentry_defaults",
    "  <<: *restart_policy",
    '  image: "$SENTRY_IMAGE"',
    "  depends_on:",
    "    redis:",
    "      <<: *depends_on-healthy",
    "    kafka:",
    "      <<: *depends_on-healthy",
    "    postgres:",
    "      <<: *depends_on-healthy",
    "    memcached:",
    "      <<: *depends_on-default",
    "    smtp:",
    "      <<: *depends_on-default",
    "  entrypoint: /etc/sentry/entrypoint.sh",
    '  command: ["run", "web"]',
    "  environment:",
    "    PYTHONUSERBASE: /data/custom-packages",
    "    SENTRY_CONF: /etc/sentry",
    "    SNUBA: http://snuba-api:1218",
    "    VROOM: http://vroom:8085",
    "    DEFAULT_CA_BUNDLE: /etc/ssl/certs/ca-certificates.crt",
    '    REQUESTS_CA_BUNDLE: "$DEFAULT_CA_BUNDLE"',
    '    GRPC_DEFAULT_SSL_ROOTS_FILE_PATH_ENV_VAR: "$DEFAULT_CA_BUNDLE"',
    "    COMPOSE_PROFILES: ${COMPOSE_PROFILES:-feature-complete}",
    "    SENTRY_EVENT_RETENTION_DAYS: ${SENTRY_EVENT_RETENTION_DAYS:-90}",
    "  volumes:",
    '    - "sentry-data:/data"',
    '    - "./sentry:/etc/sentry"',
    '    - "./geoip:/geoip:ro"',
    '    - "./certificates:/usr/local/share/ca-certificates:ro"',
    "  healthcheck:",
    "    <<: *healthcheck_defaults",
    '    test: ["CMD", "/bin/sh", "-c", "kill -0 1"]',
    "x-snuba-defaults: &snuba_defaults",
    "  <<: *restart_policy",
    "  depends_on:",
    "    clickhouse:",
    "      <<: *depends_on-healthy",
    "    kafka:",
    "      <<: *depends_on-healthy",
    "    redis:",
    "      <<: *depends_on-healthy",
    '  image: "$SNUBA_IMAGE"',
    "  environment:",
    "    SNUBA_SETTINGS: self_hosted",
    "    CLICKHOUSE_HOST: clickhouse",
    "    DEFAULT_BROKERS: kafka:9092",
    "    REDIS_HOST: redis",
    "    UWSGI_MAX_REQUESTS: 10000",
    '    UWSGI_DISABLE_LOGGING: "true"',
    "    SENTRY_EVENT_RETENTION_DAYS: ${SENTRY_EVENT_RETENTION_DAYS:-90}",
    "  healthcheck:",
    "    <<: *healthcheck_defaults",
    '    test: ["CMD", "/bin/sh", "-c", "kill -0 1"]',
    "services:",
  ];
  for (const [index, name] of INFRA.entries()) {
    lines.push(
      `  ${name}:`,
      "    <<: *restart_policy",
      `    image: "${name}:${index + 1}.0-alpine"`,
      "    healthcheck:",
      "      <<: *healthcheck_defaults",
      `      test: ["CMD-SHELL", "${name}-check --quiet || exit 1"]`,
      "    volumes:",
      `      - "sentry-${name}:/var/lib/${name}"`,
      "    ulimits:",
      "      nofile:",
      "        soft: 262144",
      "        hard: 262144",
      "    environment:",
      `      ${name.toUpperCase()}_LOG_LEVEL: warn`,
      `      ${name.toUpperCase()}_MAX_MEMORY: "\${${name.toUpperCase()}_MAX_MEMORY:-512m}"`,
    );
    if (name === "nginx") lines.push("    ports:", '      - "$SENTRY_BIND:80/tcp"');
  }
  const snuba = ["api", "errors-consumer", "outcomes-consumer", "outcomes-billing-consumer", "group-attributes-consumer", "replacer", "subscription-consumer-events", "transactions-consumer", "replays-consumer", "issue-occurrence-consumer", "metrics-consumer", "generic-metrics-distributions-consumer", "generic-metrics-sets-consumer", "generic-metrics-counters-consumer", "profiling-profiles-consumer", "spans-consumer", "eap-items-consumer", "subscription-consumer-transactions", "subscription-consumer-metrics", "subscription-consumer-eap-items"];
  for (const name of snuba) {
    lines.push(`  snuba-${name}:`, "    <<: *snuba_defaults", `    command: rust-consumer --storage ${name.replace(/-consumer$/, "")} --consumer-group snuba-${name} --auto-offset-reset=latest --max-batch-time-ms 750 --no-strict-offset-reset`);
  }
  const sentry = ["web", "cron", "worker", "events-consumer", "attachments-consumer", "post-process-forwarder-errors", "post-process-forwarder-transactions", "subscription-consumer-events", "subscription-consumer-transactions", "transactions-consumer", "metrics-consumer", "generic-metrics-consumer", "billing-metrics-consumer", "ingest-profiles", "ingest-occurrences", "ingest-monitors", "ingest-feedback-events", "ingest-replay-recordings", "process-spans", "process-segments", "monitors-clock-tick", "monitors-clock-tasks", "uptime-results", "taskworker", "taskscheduler"];
  for (const name of sentry) {
    lines.push(`  ${name}:`, "    <<: *sentry_defaults", `    command: run consumer ${name} --consumer-group ${name} --healthcheck-file-path /tmp/health.txt`);
  }
  lines.push("volumes:");
  for (const volume of ["sentry-data", ...INFRA.map((name) => `sentry-${name}`)]) lines.push(`  ${volume}:`, "    external: true");
  return `${lines.join("\n")}\n`;
}

/** The variables the file refers to, as its .env would give them. */
export const SENTRY_LIKE_ENV = [
  "COMPOSE_PROJECT_NAME=sentry-self-hosted",
  "SENTRY_EVENT_RETENTION_DAYS=90",
  "SENTRY_BIND=9000",
  "SENTRY_IMAGE=getsentry/sentry:nightly",
  "SNUBA_IMAGE=getsentry/snuba:nightly",
  "HEALTHCHECK_INTERVAL=30s",
  "HEALTHCHECK_TIMEOUT=1m30s",
  "HEALTHCHECK_RETRIES=10",
  "DEFAULT_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt",
  "",
].join("\n");
