using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Digest outbox send state (Message-ID, send started, in-doubt resends) and the snapshot retention log.</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122080000_AlertSettingsAndRetention")]
public sealed class AlertSettingsAndRetention : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "MessageId", table: "AlertDigests", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<DateTime>(name: "SendStartedAtUtc", table: "AlertDigests", nullable: true);
        migrationBuilder.AddColumn<int>(name: "InDoubtResends", table: "AlertDigests", nullable: false, defaultValue: 0);

        migrationBuilder.CreateTable(
            name: "SnapshotPruneRuns",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                RanAtUtc = table.Column<DateTime>(nullable: false),
                KeepAllDays = table.Column<int>(nullable: false),
                Examined = table.Column<int>(nullable: false),
                Pruned = table.Column<int>(nullable: false),
                KeptRecent = table.Column<int>(nullable: false),
                KeptLatest = table.Column<int>(nullable: false),
                KeptReferenced = table.Column<int>(nullable: false),
                KeptWeekly = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SnapshotPruneRuns", x => x.Id);
                table.ForeignKey("FK_SnapshotPruneRuns_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_SnapshotPruneRuns_TenantId_RanAtUtc", "SnapshotPruneRuns", ["TenantId", "RanAtUtc"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SnapshotPruneRuns");
        migrationBuilder.DropColumn(name: "InDoubtResends", table: "AlertDigests");
        migrationBuilder.DropColumn(name: "SendStartedAtUtc", table: "AlertDigests");
        migrationBuilder.DropColumn(name: "MessageId", table: "AlertDigests");
    }
}
