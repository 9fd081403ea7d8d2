/**
 * Error-budget incidents: one row per service and incident, open while a
 * burn-rate rule fires (resolved_at null), so each incident is notified
 * once, updated when its rule changes and resolved once — whichever replica
 * evaluates, and across restarts.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('api_status_incidents', table => {
    table.comment('Error-budget burn-rate incidents per service');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('rule', 255).notNullable();
    table.string('severity', 32).notNullable();
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table.index(['entity_ref', 'resolved_at'], 'api_status_incidents_open_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('api_status_incidents');
};
