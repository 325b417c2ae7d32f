using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Sales playbook: title rules and committee overrides (M10), the competitive list (M05/M11), the evidence library (M12).</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122070000_Playbook")]
public sealed class Playbook : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "TitleRules",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                Role = table.Column<int>(nullable: false),
                Keywords = table.Column<string>(maxLength: 500, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TitleRules", x => x.Id);
                table.ForeignKey("FK_TitleRules_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CommitteeOverrides",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                PersonName = table.Column<string>(maxLength: 200, nullable: false),
                Role = table.Column<int>(nullable: false),
                SetBy = table.Column<Guid>(nullable: true),
                SetAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CommitteeOverrides", x => x.Id);
                table.ForeignKey("FK_CommitteeOverrides_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_CommitteeOverrides_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "DisplacementRules",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                OurProduct = table.Column<string>(maxLength: 100, nullable: false),
                CompetitorProduct = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DisplacementRules", x => x.Id);
                table.ForeignKey("FK_DisplacementRules_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "EvidenceItems",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Body = table.Column<string>(maxLength: 4000, nullable: false),
                Customer = table.Column<string>(maxLength: 100, nullable: true),
                Industry = table.Column<string>(maxLength: 100, nullable: true),
                SizeBand = table.Column<string>(maxLength: 20, nullable: true),
                Technologies = table.Column<string>(maxLength: 2000, nullable: false),
                UseCase = table.Column<string>(maxLength: 100, nullable: true),
                Url = table.Column<string>(maxLength: 500, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                UpdatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EvidenceItems", x => x.Id);
                table.ForeignKey("FK_EvidenceItems_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_TitleRules_TenantId_Position", "TitleRules", ["TenantId", "Position"]);
        migrationBuilder.CreateIndex("IX_CommitteeOverrides_TenantId_CompanyId_PersonName", "CommitteeOverrides", ["TenantId", "CompanyId", "PersonName"], unique: true);
        migrationBuilder.CreateIndex("IX_CommitteeOverrides_CompanyId", "CommitteeOverrides", "CompanyId");
        migrationBuilder.CreateIndex("IX_DisplacementRules_TenantId_CompetitorProduct_OurProduct", "DisplacementRules", ["TenantId", "CompetitorProduct", "OurProduct"], unique: true);
        migrationBuilder.CreateIndex("IX_EvidenceItems_TenantId_Title", "EvidenceItems", ["TenantId", "Title"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("EvidenceItems");
        migrationBuilder.DropTable("DisplacementRules");
        migrationBuilder.DropTable("CommitteeOverrides");
        migrationBuilder.DropTable("TitleRules");
    }
}
