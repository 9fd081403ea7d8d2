/**
 * Which budget an incident spends: `availability` (the probes' burn rate,
 * evaluated by the portal) or `throughput` (an ingestion agent under its
 * target, the burn-rate alerts Prometheus evaluates on deploy/prometheus'
 * rules). A service can have one open incident of each.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('api_status_incidents', table => {
    table.string('budget', 32).notNullable().defaultTo('availability');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('api_status_incidents', table => {
    table.dropColumn('budget');
  });
};
