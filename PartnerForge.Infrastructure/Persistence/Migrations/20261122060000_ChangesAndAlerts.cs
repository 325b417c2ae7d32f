using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Intelligence history: snapshot heads (dedupe), change events, alert rules, alerts, preferences, digest outbox.</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122060000_ChangesAndAlerts")]
public sealed class ChangesAndAlerts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SnapshotHeads",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                Module = table.Column<string>(maxLength: 3, nullable: false),
                SnapshotId = table.Column<Guid>(nullable: false),
                Hash = table.Column<string>(maxLength: 64, nullable: false),
                LastConfirmedAtUtc = table.Column<DateTime>(nullable: false),
                Confirmations = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SnapshotHeads", x => x.Id);
                table.ForeignKey("FK_SnapshotHeads_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_SnapshotHeads_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ChangeEvents",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                SnapshotId = table.Column<Guid>(nullable: false),
                PreviousSnapshotId = table.Column<Guid>(nullable: true),
                Module = table.Column<string>(maxLength: 3, nullable: false),
                Path = table.Column<string>(maxLength: 300, nullable: false),
                Kind = table.Column<int>(nullable: false),
                OldValue = table.Column<string>(maxLength: 1000, nullable: true),
                NewValue = table.Column<string>(maxLength: 1000, nullable: true),
                Significance = table.Column<int>(nullable: false),
                Rule = table.Column<string>(maxLength: 40, nullable: false),
                Technology = table.Column<string>(maxLength: 100, nullable: true),
                DetectedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChangeEvents", x => x.Id);
                table.ForeignKey("FK_ChangeEvents_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_ChangeEvents_Companies_CompanyId", x => x.CompanyId, "Companies", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AlertRules",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                CreatedBy = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: true),
                TeamId = table.Column<Guid>(nullable: true),
                IsActive = table.Column<bool>(nullable: false),
                Module = table.Column<string>(maxLength: 3, nullable: true),
                PathPrefix = table.Column<string>(maxLength: 200, nullable: true),
                Kind = table.Column<int>(nullable: true),
                MinSignificance = table.Column<int>(nullable: false),
                Technologies = table.Column<string>(maxLength: 500, nullable: true),
                Tiers = table.Column<string>(maxLength: 20, nullable: true),
                OnlyMyAccounts = table.Column<bool>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AlertRules", x => x.Id);
                table.ForeignKey("FK_AlertRules_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Alerts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                RuleId = table.Column<Guid>(nullable: false),
                ChangeEventId = table.Column<Guid>(nullable: false),
                CompanyId = table.Column<Guid>(nullable: false),
                Significance = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ReadAtUtc = table.Column<DateTime>(nullable: true),
                EmailedAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Alerts", x => x.Id);
                table.ForeignKey("FK_Alerts_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Alerts_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Alerts_ChangeEvents_ChangeEventId", x => x.ChangeEventId, "ChangeEvents", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AlertPreferences",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                InApp = table.Column<bool>(nullable: false),
                EmailImmediately = table.Column<bool>(nullable: false),
                Digest = table.Column<int>(nullable: false),
                DigestHour = table.Column<int>(nullable: false),
                DigestDay = table.Column<int>(nullable: false),
                QuietFromHour = table.Column<int>(nullable: true),
                QuietToHour = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AlertPreferences", x => x.Id);
                table.ForeignKey("FK_AlertPreferences_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_AlertPreferences_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AlertDigests",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                PeriodKey = table.Column<string>(maxLength: 40, nullable: false),
                ToEmail = table.Column<string>(maxLength: 256, nullable: false),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Html = table.Column<string>(nullable: false),
                Text = table.Column<string>(nullable: false),
                AlertCount = table.Column<int>(nullable: false),
                ComposedAtUtc = table.Column<DateTime>(nullable: false),
                SentAtUtc = table.Column<DateTime>(nullable: true),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(maxLength: 500, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AlertDigests", x => x.Id);
                table.ForeignKey("FK_AlertDigests_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_AlertDigests_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_SnapshotHeads_TenantId_CompanyId_Module", "SnapshotHeads", ["TenantId", "CompanyId", "Module"], unique: true);
        migrationBuilder.CreateIndex("IX_SnapshotHeads_CompanyId", "SnapshotHeads", "CompanyId");
        migrationBuilder.CreateIndex("IX_ChangeEvents_TenantId_DetectedAtUtc_Id", "ChangeEvents", ["TenantId", "DetectedAtUtc", "Id"]);
        migrationBuilder.CreateIndex("IX_ChangeEvents_TenantId_CompanyId_DetectedAtUtc_Id", "ChangeEvents", ["TenantId", "CompanyId", "DetectedAtUtc", "Id"]);
        migrationBuilder.CreateIndex("IX_ChangeEvents_CompanyId", "ChangeEvents", "CompanyId");
        migrationBuilder.CreateIndex("IX_AlertRules_TenantId_UserId", "AlertRules", ["TenantId", "UserId"]);
        migrationBuilder.CreateIndex("IX_AlertRules_TenantId_TeamId", "AlertRules", ["TenantId", "TeamId"]);
        migrationBuilder.CreateIndex("IX_Alerts_TenantId_UserId_ChangeEventId", "Alerts", ["TenantId", "UserId", "ChangeEventId"], unique: true);
        migrationBuilder.CreateIndex("IX_Alerts_TenantId_UserId_CreatedAtUtc", "Alerts", ["TenantId", "UserId", "CreatedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Alerts_TenantId_UserId_ReadAtUtc", "Alerts", ["TenantId", "UserId", "ReadAtUtc"]);
        migrationBuilder.CreateIndex("IX_Alerts_UserId", "Alerts", "UserId");
        migrationBuilder.CreateIndex("IX_Alerts_ChangeEventId", "Alerts", "ChangeEventId");
        migrationBuilder.CreateIndex("IX_AlertPreferences_TenantId_UserId", "AlertPreferences", ["TenantId", "UserId"], unique: true);
        migrationBuilder.CreateIndex("IX_AlertPreferences_UserId", "AlertPreferences", "UserId");
        migrationBuilder.CreateIndex("IX_AlertDigests_TenantId_UserId_PeriodKey", "AlertDigests", ["TenantId", "UserId", "PeriodKey"], unique: true);
        migrationBuilder.CreateIndex("IX_AlertDigests_TenantId_SentAtUtc", "AlertDigests", ["TenantId", "SentAtUtc"]);
        migrationBuilder.CreateIndex("IX_AlertDigests_UserId", "AlertDigests", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "AlertDigests", "AlertPreferences", "Alerts", "AlertRules", "ChangeEvents", "SnapshotHeads" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
