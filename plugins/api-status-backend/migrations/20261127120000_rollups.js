// @ts-check

/**
 * Hourly roll-ups of the probes, so availability over 7 and 30 days and the
 * last failure survive after the raw probes (kept for a couple of days) are
 * deleted. One row per endpoint and hour; `bucket_start` is epoch ms of the
 * hour. Response times of the hour's OK probes as p50/p95.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('api_status_rollups', table => {
    table.comment('Hourly roll-ups of api_status_probes');
    table.string('entity_ref', 255).notNullable();
    table.string('path', 255).notNullable();
    table.bigInteger('bucket_start').notNullable();
    table.integer('probes').notNullable();
    table.integer('ok').notNullable();
    table.integer('p50_ms').nullable();
    table.integer('p95_ms').nullable();
    table.bigInteger('last_failure_at').nullable();
    table.integer('last_failure_status').nullable();
    table.text('last_failure_error').nullable();
    table.primary(['entity_ref', 'path', 'bucket_start']);
    table.index(['bucket_start'], 'api_status_rollups_bucket_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('api_status_rollups');
};
