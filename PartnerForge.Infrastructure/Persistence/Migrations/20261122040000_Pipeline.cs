using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Pipeline: stages, deals, stage history and per-tenant pipeline settings (hand-written, provider-neutral).</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122040000_Pipeline")]
public sealed class Pipeline : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Stages",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Position = table.Column<int>(nullable: false),
                DefaultProbability = table.Column<int>(nullable: false),
                Kind = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Stages", x => x.Id);
                table.ForeignKey("FK_Stages_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "PipelineSettings",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Framework = table.Column<int>(nullable: false),
                ReportingCurrency = table.Column<string>(maxLength: 3, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PipelineSettings", x => x.Id);
                table.ForeignKey("FK_PipelineSettings_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Deals",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<Guid>(nullable: false),
                StageId = table.Column<Guid>(nullable: false),
                StageEnteredAtUtc = table.Column<DateTime>(nullable: false),
                FurthestPosition = table.Column<int>(nullable: false),
                BoardRank = table.Column<double>(nullable: false),
                AmountMinor = table.Column<long>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                ExpectedCloseDate = table.Column<DateTime>(nullable: false),
                Probability = table.Column<int>(nullable: false),
                ProbabilityOverridden = table.Column<bool>(nullable: false),
                Qualification = table.Column<string>(nullable: false),
                NextStep = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ClosedAtUtc = table.Column<DateTime>(nullable: true),
                Won = table.Column<bool>(nullable: true),
                CloseReason = table.Column<string>(maxLength: 500, nullable: true),
                CycleDays = table.Column<int>(nullable: true),
                Version = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Deals", x => x.Id);
                table.ForeignKey("FK_Deals_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Deals_Stages_StageId", x => x.StageId, "Stages", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Deals_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Deals_Users_OwnerId", x => x.OwnerId, "Users", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "StageChanges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                DealId = table.Column<Guid>(nullable: false),
                FromStageId = table.Column<Guid>(nullable: true),
                ToStageId = table.Column<Guid>(nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                ByUserId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StageChanges", x => x.Id);
                table.ForeignKey("FK_StageChanges_Deals_DealId", x => x.DealId, "Deals", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_StageChanges_Stages_ToStageId", x => x.ToStageId, "Stages", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_StageChanges_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_Stages_TenantId_Position", "Stages", ["TenantId", "Position"]);
        migrationBuilder.CreateIndex("IX_PipelineSettings_TenantId", "PipelineSettings", "TenantId", unique: true);
        migrationBuilder.CreateIndex("IX_Deals_CompanyId", "Deals", "CompanyId");
        migrationBuilder.CreateIndex("IX_Deals_OwnerId", "Deals", "OwnerId");
        migrationBuilder.CreateIndex("IX_Deals_StageId", "Deals", "StageId");
        migrationBuilder.CreateIndex("IX_Deals_TenantId_StageId_BoardRank", "Deals", ["TenantId", "StageId", "BoardRank"]);
        migrationBuilder.CreateIndex("IX_Deals_TenantId_ClosedAtUtc", "Deals", ["TenantId", "ClosedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Deals_TenantId_CreatedAtUtc", "Deals", ["TenantId", "CreatedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Deals_TenantId_ExpectedCloseDate", "Deals", ["TenantId", "ExpectedCloseDate"]);
        migrationBuilder.CreateIndex("IX_StageChanges_DealId", "StageChanges", "DealId");
        migrationBuilder.CreateIndex("IX_StageChanges_ToStageId", "StageChanges", "ToStageId");
        migrationBuilder.CreateIndex("IX_StageChanges_TenantId_AtUtc", "StageChanges", ["TenantId", "AtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("StageChanges");
        migrationBuilder.DropTable("Deals");
        migrationBuilder.DropTable("PipelineSettings");
        migrationBuilder.DropTable("Stages");
    }
}
