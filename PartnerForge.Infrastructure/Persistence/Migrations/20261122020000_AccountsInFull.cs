using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PartnerForge.Infrastructure.Persistence.Configurations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Company in full (firmographics, owner, tier, search key, import link), tags, saved views, merges.</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122020000_AccountsInFull")]
public sealed class AccountsInFull : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Companies_TenantId_Name", "Companies");

        // Existing rows need values for the new required columns; SQLite cannot drop a default afterwards
        // without the model snapshot we do not have, so the model declares the same defaults (CompanyConfiguration).
        migrationBuilder.AddColumn<string>("SearchName", "Companies", maxLength: 300, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<DateTime>("UpdatedAtUtc", "Companies", nullable: false, defaultValue: CompanyDefaults.UpdatedAtUtc);
        migrationBuilder.Sql("UPDATE \"Companies\" SET \"SearchName\" = lower(\"Name\"), \"UpdatedAtUtc\" = \"CreatedAtUtc\"");

        migrationBuilder.AddColumn<string>("Industry", "Companies", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>("Country", "Companies", maxLength: 2, nullable: true);
        migrationBuilder.AddColumn<string>("EmployeeBand", "Companies", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<string>("RevenueBand", "Companies", maxLength: 20, nullable: true);
        migrationBuilder.AddColumn<Guid>("OwnerId", "Companies", nullable: true);
        migrationBuilder.AddColumn<int>("Tier", "Companies", nullable: true);
        migrationBuilder.AddColumn<Guid>("ImportId", "Companies", nullable: true);

        migrationBuilder.CreateIndex("IX_Companies_TenantId_SearchName", "Companies", ["TenantId", "SearchName"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_Country_SearchName", "Companies", ["TenantId", "Country", "SearchName"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_Industry_SearchName", "Companies", ["TenantId", "Industry", "SearchName"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_Tier_SearchName", "Companies", ["TenantId", "Tier", "SearchName"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_OwnerId_SearchName", "Companies", ["TenantId", "OwnerId", "SearchName"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_UpdatedAtUtc", "Companies", ["TenantId", "UpdatedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_CreatedAtUtc", "Companies", ["TenantId", "CreatedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Companies_ImportId", "Companies", "ImportId");

        migrationBuilder.CreateTable(
            name: "CompanyTags",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                Tag = table.Column<string>(maxLength: 50, nullable: false),
                NormalizedTag = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CompanyTags", x => x.Id);
                table.ForeignKey("FK_CompanyTags_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CompanyTags_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_CompanyTags_CompanyId_NormalizedTag", "CompanyTags", ["CompanyId", "NormalizedTag"], unique: true);
        migrationBuilder.CreateIndex("IX_CompanyTags_TenantId_NormalizedTag", "CompanyTags", ["TenantId", "NormalizedTag"]);

        migrationBuilder.CreateTable(
            name: "SavedViews",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                OwnerId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Definition = table.Column<string>(nullable: false),
                IsShared = table.Column<bool>(nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SavedViews", x => x.Id);
                table.ForeignKey("FK_SavedViews_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SavedViews_Users_OwnerId", x => x.OwnerId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_SavedViews_OwnerId", "SavedViews", "OwnerId");
        migrationBuilder.CreateIndex("IX_SavedViews_TenantId_OwnerId", "SavedViews", ["TenantId", "OwnerId"]);

        migrationBuilder.CreateTable(
            name: "CompanyMerges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                SurvivorId = table.Column<Guid>(nullable: false),
                MergedId = table.Column<Guid>(nullable: false),
                MergedName = table.Column<string>(maxLength: 300, nullable: false),
                MergedDomain = table.Column<string>(maxLength: 253, nullable: false),
                MergedSnapshot = table.Column<string>(nullable: false),
                ByUserId = table.Column<Guid>(nullable: true),
                AtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CompanyMerges", x => x.Id);
                table.ForeignKey("FK_CompanyMerges_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_CompanyMerges_TenantId_SurvivorId", "CompanyMerges", ["TenantId", "SurvivorId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("CompanyMerges");
        migrationBuilder.DropTable("SavedViews");
        migrationBuilder.DropTable("CompanyTags");
        foreach (var index in new[] { "SearchName", "Country_SearchName", "Industry_SearchName", "Tier_SearchName", "OwnerId_SearchName", "UpdatedAtUtc", "CreatedAtUtc" })
        {
            migrationBuilder.DropIndex($"IX_Companies_TenantId_{index}", "Companies");
        }

        migrationBuilder.DropIndex("IX_Companies_ImportId", "Companies");
        foreach (var column in new[] { "SearchName", "UpdatedAtUtc", "Industry", "Country", "EmployeeBand", "RevenueBand", "OwnerId", "Tier", "ImportId" })
        {
            migrationBuilder.DropColumn(column, "Companies");
        }

        migrationBuilder.CreateIndex("IX_Companies_TenantId_Name", "Companies", ["TenantId", "Name"]);
    }
}
