using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerForge.Infrastructure.Persistence.Configurations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>
/// A failed run keeps its reason; an account has at most one active (queued or running) run. Runs left active
/// by the old race (two runs of one account, one of them stuck) are ended first: all but the newest active run of
/// each account become failed, so the unique index can be built over what remains.
/// </summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261204000000_OneActiveRunPerAccount")]
public sealed class OneActiveRunPerAccount : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "FailureReason", table: "EnrichmentRuns", maxLength: 500, nullable: true);
        migrationBuilder.Sql("""
            UPDATE "EnrichmentRuns"
            SET "State" = 3, "FinishedAtUtc" = "QueuedAtUtc",
                "FailureReason" = 'Replaced by a newer run of the same account (two runs were active at once before the upgrade).'
            WHERE "State" IN (0, 1) AND EXISTS (
                SELECT 1 FROM "EnrichmentRuns" AS newer
                WHERE newer."TenantId" = "EnrichmentRuns"."TenantId" AND newer."CompanyId" = "EnrichmentRuns"."CompanyId"
                  AND newer."State" IN (0, 1)
                  AND (newer."QueuedAtUtc" > "EnrichmentRuns"."QueuedAtUtc"
                       OR (newer."QueuedAtUtc" = "EnrichmentRuns"."QueuedAtUtc" AND newer."Id" > "EnrichmentRuns"."Id")));
            """);
        migrationBuilder.CreateIndex(
            name: EnrichmentRunConfiguration.ActiveRunIndex,
            table: "EnrichmentRuns",
            columns: ["TenantId", "CompanyId"],
            unique: true,
            filter: EnrichmentRunConfiguration.ActiveRunFilter);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(EnrichmentRunConfiguration.ActiveRunIndex, "EnrichmentRuns");
        migrationBuilder.DropColumn("FailureReason", "EnrichmentRuns");
    }
}
