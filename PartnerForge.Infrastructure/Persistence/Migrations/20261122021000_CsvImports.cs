using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>CSV imports: the import jobs (history, progress) and the accounts each one updated (for revert).</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122021000_CsvImports")]
public sealed class CsvImports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ImportJobs",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: true),
                FileName = table.Column<string>(maxLength: 255, nullable: false),
                FileBytes = table.Column<long>(nullable: false),
                Encoding = table.Column<string>(maxLength: 20, nullable: false),
                Delimiter = table.Column<char>(nullable: false),
                Mapping = table.Column<string>(nullable: false),
                Mode = table.Column<int>(nullable: false),
                MatchFields = table.Column<string>(maxLength: 100, nullable: false),
                State = table.Column<int>(nullable: false),
                RowsRead = table.Column<long>(nullable: false),
                Created = table.Column<long>(nullable: false),
                Updated = table.Column<long>(nullable: false),
                Unchanged = table.Column<long>(nullable: false),
                Errors = table.Column<long>(nullable: false),
                Duplicates = table.Column<long>(nullable: false),
                BytesRead = table.Column<long>(nullable: false),
                RowsPerSecond = table.Column<double>(nullable: false),
                Failure = table.Column<string>(maxLength: 1000, nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                StartedAtUtc = table.Column<DateTime>(nullable: true),
                FinishedAtUtc = table.Column<DateTime>(nullable: true),
                RevertedAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportJobs", x => x.Id);
                table.ForeignKey("FK_ImportJobs_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ImportJobs_TenantId_CreatedAtUtc", "ImportJobs", ["TenantId", "CreatedAtUtc"]);

        migrationBuilder.CreateTable(
            name: "ImportChanges",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                ImportId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                RowNumber = table.Column<long>(nullable: false),
                Before = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportChanges", x => x.Id);
                table.ForeignKey("FK_ImportChanges_ImportJobs_ImportId", x => x.ImportId, "ImportJobs", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ImportChanges_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ImportChanges_ImportId_RowNumber", "ImportChanges", ["ImportId", "RowNumber"]);
        migrationBuilder.CreateIndex("IX_ImportChanges_ImportId_CompanyId", "ImportChanges", ["ImportId", "CompanyId"]);
        migrationBuilder.CreateIndex("IX_ImportChanges_TenantId", "ImportChanges", "TenantId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ImportChanges");
        migrationBuilder.DropTable("ImportJobs");
    }
}
