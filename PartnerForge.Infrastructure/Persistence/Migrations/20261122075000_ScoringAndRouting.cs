using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>ICP profiles, account scores on Companies, tier changes, owner assignments and round-robin cursors (issue 5).</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122075000_ScoringAndRouting")]
public sealed class ScoringAndRouting : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>("FitScore", "Companies", nullable: true);
        migrationBuilder.AddColumn<int>("SignalScore", "Companies", nullable: true);
        migrationBuilder.AddColumn<int>("PriorityScore", "Companies", nullable: true);
        migrationBuilder.AddColumn<DateTime>("ScoredAtUtc", "Companies", nullable: true);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_FitScore_Id", "Companies", ["TenantId", "FitScore", "Id"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_SignalScore_Id", "Companies", ["TenantId", "SignalScore", "Id"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_PriorityScore_Id", "Companies", ["TenantId", "PriorityScore", "Id"]);

        migrationBuilder.CreateTable(
            name: "IcpProfiles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CriteriaJson = table.Column<string>(nullable: false),
                FitWeightPercent = table.Column<int>(nullable: false),
                ThresholdA = table.Column<int>(nullable: false),
                ThresholdB = table.Column<int>(nullable: false),
                ThresholdC = table.Column<int>(nullable: false),
                SignalHalfLifeDays = table.Column<int>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IcpProfiles", x => x.Id);
                table.ForeignKey("FK_IcpProfiles_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "TierChanges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                OldTier = table.Column<int>(nullable: true),
                NewTier = table.Column<int>(nullable: false),
                Fit = table.Column<int>(nullable: false),
                Signal = table.Column<int>(nullable: false),
                Priority = table.Column<int>(nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TierChanges", x => x.Id);
                table.ForeignKey("FK_TierChanges_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_TierChanges_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AccountAssignments",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                OldOwnerId = table.Column<Guid>(nullable: true),
                NewOwnerId = table.Column<Guid>(nullable: true),
                TerritoryId = table.Column<Guid>(nullable: true),
                TeamId = table.Column<Guid>(nullable: true),
                IsOverride = table.Column<bool>(nullable: false),
                ByUserId = table.Column<Guid>(nullable: true),
                Reason = table.Column<string>(maxLength: 500, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AccountAssignments", x => x.Id);
                table.ForeignKey("FK_AccountAssignments_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_AccountAssignments_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "RoutingCursors",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                TeamId = table.Column<Guid>(nullable: false),
                Next = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RoutingCursors", x => x.Id);
                table.ForeignKey("FK_RoutingCursors_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_RoutingCursors_Teams_TeamId", x => x.TeamId, "Teams", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_IcpProfiles_TenantId", "IcpProfiles", "TenantId", unique: true);
        migrationBuilder.CreateIndex("IX_TierChanges_TenantId_CompanyId_AtUtc", "TierChanges", ["TenantId", "CompanyId", "AtUtc"]);
        migrationBuilder.CreateIndex("IX_TierChanges_CompanyId", "TierChanges", "CompanyId");
        migrationBuilder.CreateIndex("IX_AccountAssignments_TenantId_CompanyId_AtUtc", "AccountAssignments", ["TenantId", "CompanyId", "AtUtc"]);
        migrationBuilder.CreateIndex("IX_AccountAssignments_CompanyId", "AccountAssignments", "CompanyId");
        migrationBuilder.CreateIndex("IX_RoutingCursors_TenantId_TeamId", "RoutingCursors", ["TenantId", "TeamId"], unique: true);
        migrationBuilder.CreateIndex("IX_RoutingCursors_TeamId", "RoutingCursors", "TeamId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("RoutingCursors");
        migrationBuilder.DropTable("AccountAssignments");
        migrationBuilder.DropTable("TierChanges");
        migrationBuilder.DropTable("IcpProfiles");
        migrationBuilder.DropIndex("IX_Companies_TenantId_PriorityScore_Id", "Companies");
        migrationBuilder.DropIndex("IX_Companies_TenantId_SignalScore_Id", "Companies");
        migrationBuilder.DropIndex("IX_Companies_TenantId_FitScore_Id", "Companies");
        migrationBuilder.DropColumn("ScoredAtUtc", "Companies");
        migrationBuilder.DropColumn("PriorityScore", "Companies");
        migrationBuilder.DropColumn("SignalScore", "Companies");
        migrationBuilder.DropColumn("FitScore", "Companies");
    }
}
