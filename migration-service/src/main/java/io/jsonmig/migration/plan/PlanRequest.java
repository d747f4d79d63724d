package io.jsonmig.migration.plan;

/**
 * What to plan: the source directory and the target profile; with a schema directory, the plan says
 * which of its migrations the target has not applied yet.
 *
 * @param sourceDir     absolute path under the allowed roots
 * @param targetProfile a configured target profile ({@code JSONMIG_TARGET_<PROFILE>_URL})
 * @param schemaDir     optional: Flyway SQL migrations or a Prisma project, absolute path under the allowed roots
 */
public record PlanRequest(String sourceDir, String targetProfile, String schemaDir) {
}
