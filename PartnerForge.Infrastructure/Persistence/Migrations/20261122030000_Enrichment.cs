using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Enrichment: technology catalog, detections, runs, module statuses, snapshots, costs, budgets, usage, traffic ranks.</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122030000_Enrichment")]
public sealed class Enrichment : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Technologies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Category = table.Column<string>(maxLength: 60, nullable: false),
                Vendor = table.Column<string>(maxLength: 100, nullable: true),
                Website = table.Column<string>(maxLength: 300, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_Technologies", x => x.Id));

        migrationBuilder.CreateTable(
            name: "CompanyTechnologies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                TechnologyId = table.Column<Guid>(nullable: false),
                Confidence = table.Column<int>(nullable: false),
                Version = table.Column<string>(maxLength: 40, nullable: true),
                FirstSeenUtc = table.Column<DateTime>(nullable: false),
                LastSeenUtc = table.Column<DateTime>(nullable: false),
                Evidence = table.Column<string>(maxLength: 300, nullable: false),
                SourceUrl = table.Column<string>(maxLength: 1000, nullable: false),
                Method = table.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CompanyTechnologies", x => x.Id);
                table.ForeignKey("FK_CompanyTechnologies_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CompanyTechnologies_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CompanyTechnologies_Technologies_TechnologyId", x => x.TechnologyId, "Technologies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "EnrichmentRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                BatchId = table.Column<Guid>(nullable: true),
                RequestedBy = table.Column<Guid>(nullable: true),
                State = table.Column<int>(nullable: false),
                QueuedAtUtc = table.Column<DateTime>(nullable: false),
                StartedAtUtc = table.Column<DateTime>(nullable: true),
                FinishedAtUtc = table.Column<DateTime>(nullable: true),
                ModulesTotal = table.Column<int>(nullable: false),
                ModulesOk = table.Column<int>(nullable: false),
                ModulesFailed = table.Column<int>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EnrichmentRuns", x => x.Id);
                table.ForeignKey("FK_EnrichmentRuns_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_EnrichmentRuns_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "EnrichmentStatuses",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                Module = table.Column<string>(maxLength: 3, nullable: false),
                Outcome = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: true),
                LastRunId = table.Column<Guid>(nullable: true),
                LastRunAtUtc = table.Column<DateTime>(nullable: true),
                LastGoodAtUtc = table.Column<DateTime>(nullable: true),
                LastGoodSnapshotId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EnrichmentStatuses", x => x.Id);
                table.ForeignKey("FK_EnrichmentStatuses_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_EnrichmentStatuses_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "IntelSnapshots",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                Module = table.Column<string>(maxLength: 3, nullable: false),
                RunId = table.Column<Guid>(nullable: false),
                CapturedAtUtc = table.Column<DateTime>(nullable: false),
                CanonicalJson = table.Column<string>(nullable: false),
                Hash = table.Column<string>(maxLength: 64, nullable: false),
                FactCount = table.Column<int>(nullable: false),
                PreviousSnapshotId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IntelSnapshots", x => x.Id);
                table.ForeignKey("FK_IntelSnapshots_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_IntelSnapshots_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ApiCostConfigs",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Source = table.Column<string>(maxLength: 60, nullable: false),
                CostMicros = table.Column<long>(nullable: false),
                Metered = table.Column<bool>(nullable: false),
                Description = table.Column<string>(maxLength: 300, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_ApiCostConfigs", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ApiBudgets",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Source = table.Column<string>(maxLength: 60, nullable: false),
                Period = table.Column<string>(maxLength: 7, nullable: false),
                MaxCalls = table.Column<int>(nullable: true),
                MaxCostMicros = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiBudgets", x => x.Id);
                table.ForeignKey("FK_ApiBudgets_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ApiUsages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Source = table.Column<string>(maxLength: 60, nullable: false),
                Module = table.Column<string>(maxLength: 3, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                CostMicros = table.Column<long>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: true),
                Url = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiUsages", x => x.Id);
                table.ForeignKey("FK_ApiUsages_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "TrafficRanks",
            columns: table => new
            {
                Domain = table.Column<string>(maxLength: 253, nullable: false),
                Rank = table.Column<int>(nullable: false),
                ListName = table.Column<string>(maxLength: 60, nullable: false),
                ImportedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_TrafficRanks", x => x.Domain));

        migrationBuilder.CreateIndex("IX_Technologies_Name", "Technologies", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_CompanyTechnologies_TenantId_CompanyId_TechnologyId", "CompanyTechnologies", ["TenantId", "CompanyId", "TechnologyId"], unique: true);
        migrationBuilder.CreateIndex("IX_CompanyTechnologies_TenantId_TechnologyId", "CompanyTechnologies", ["TenantId", "TechnologyId"]);
        migrationBuilder.CreateIndex("IX_CompanyTechnologies_CompanyId", "CompanyTechnologies", "CompanyId");
        migrationBuilder.CreateIndex("IX_CompanyTechnologies_TechnologyId", "CompanyTechnologies", "TechnologyId");
        migrationBuilder.CreateIndex("IX_EnrichmentRuns_TenantId_QueuedAtUtc", "EnrichmentRuns", ["TenantId", "QueuedAtUtc"]);
        migrationBuilder.CreateIndex("IX_EnrichmentRuns_TenantId_CompanyId", "EnrichmentRuns", ["TenantId", "CompanyId"]);
        migrationBuilder.CreateIndex("IX_EnrichmentRuns_TenantId_BatchId", "EnrichmentRuns", ["TenantId", "BatchId"]);
        migrationBuilder.CreateIndex("IX_EnrichmentRuns_CompanyId", "EnrichmentRuns", "CompanyId");
        migrationBuilder.CreateIndex("IX_EnrichmentStatuses_TenantId_CompanyId_Module", "EnrichmentStatuses", ["TenantId", "CompanyId", "Module"], unique: true);
        migrationBuilder.CreateIndex("IX_EnrichmentStatuses_CompanyId", "EnrichmentStatuses", "CompanyId");
        migrationBuilder.CreateIndex("IX_IntelSnapshots_TenantId_CompanyId_Module_CapturedAtUtc", "IntelSnapshots", ["TenantId", "CompanyId", "Module", "CapturedAtUtc"]);
        migrationBuilder.CreateIndex("IX_IntelSnapshots_CompanyId", "IntelSnapshots", "CompanyId");
        migrationBuilder.CreateIndex("IX_ApiCostConfigs_Source", "ApiCostConfigs", "Source", unique: true);
        migrationBuilder.CreateIndex("IX_ApiBudgets_TenantId_Source_Period", "ApiBudgets", ["TenantId", "Source", "Period"], unique: true);
        migrationBuilder.CreateIndex("IX_ApiUsages_TenantId_Source_AtUtc", "ApiUsages", ["TenantId", "Source", "AtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "TrafficRanks", "ApiUsages", "ApiBudgets", "ApiCostConfigs", "IntelSnapshots", "EnrichmentStatuses", "EnrichmentRuns", "CompanyTechnologies", "Technologies" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
