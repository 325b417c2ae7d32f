using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Source costs get a currency; budget notices (80 % / 100 %, once per source and month) for tenant admins.</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122090000_EnrichmentBudgetNotices")]
public sealed class EnrichmentBudgetNotices : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "Currency",
            table: "ApiCostConfigs",
            maxLength: 3,
            nullable: false,
            defaultValue: "USD");

        migrationBuilder.CreateTable(
            name: "BudgetNotices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Source = table.Column<string>(maxLength: 60, nullable: false),
                Period = table.Column<string>(maxLength: 7, nullable: false),
                Threshold = table.Column<int>(nullable: false),
                CallsUsed = table.Column<int>(nullable: false),
                MaxCalls = table.Column<int>(nullable: true),
                CostMicrosUsed = table.Column<long>(nullable: false),
                MaxCostMicros = table.Column<long>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                EmailedAtUtc = table.Column<DateTime>(nullable: true),
                EmailRecipients = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BudgetNotices", x => x.Id);
                table.ForeignKey("FK_BudgetNotices_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_BudgetNotices_TenantId_Source_Period_Threshold", "BudgetNotices", ["TenantId", "Source", "Period", "Threshold"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("BudgetNotices");
        migrationBuilder.DropColumn("Currency", "ApiCostConfigs");
    }
}
