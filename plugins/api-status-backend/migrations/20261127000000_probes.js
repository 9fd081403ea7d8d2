// @ts-check

/**
 * One row per probe of one health endpoint. `checked_at` is epoch
 * milliseconds, so windows and retention are plain comparisons on both
 * SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('api_status_probes', table => {
    table.comment('Health endpoint probes of BASE services');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('path', 255).notNullable();
    table.bigInteger('checked_at').notNullable();
    table.boolean('ok').notNullable();
    table.integer('status_code').nullable();
    table.integer('response_ms').nullable();
    table.text('error').nullable();
    table.index(
      ['entity_ref', 'path', 'checked_at'],
      'api_status_probes_endpoint_idx',
    );
    table.index(['checked_at'], 'api_status_probes_checked_at_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('api_status_probes');
};
