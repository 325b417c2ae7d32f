using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>Plans and billing, API keys, invitations and job runs (hand-written, provider-neutral).</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122050000_Administration")]
public sealed class Administration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Plans",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 50, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                MonthlyPrice = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Seats = table.Column<int>(nullable: false),
                MonthlyEnrichmentCredits = table.Column<int>(nullable: false),
                MonthlyApiCalls = table.Column<int>(nullable: false),
                OveragePricePerCredit = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                OveragePricePerThousandApiCalls = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                IncludedModules = table.Column<string>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Plans", x => x.Id));
        migrationBuilder.CreateIndex("IX_Plans_Code", "Plans", "Code", unique: true);

        migrationBuilder.CreateTable(
            name: "Subscriptions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                PlanId = table.Column<Guid>(nullable: false),
                StartedAtUtc = table.Column<DateTime>(nullable: false),
                EndedAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Subscriptions", x => x.Id);
                table.ForeignKey("FK_Subscriptions_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Subscriptions_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Subscriptions_TenantId_StartedAtUtc", "Subscriptions", ["TenantId", "StartedAtUtc"]);
        migrationBuilder.CreateIndex("IX_Subscriptions_PlanId", "Subscriptions", "PlanId");

        migrationBuilder.CreateTable(
            name: "UsageRecords",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Quantity = table.Column<int>(nullable: false),
                Source = table.Column<string>(maxLength: 100, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UsageRecords", x => x.Id);
                table.ForeignKey("FK_UsageRecords_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_UsageRecords_TenantId_Kind_AtUtc", "UsageRecords", ["TenantId", "Kind", "AtUtc"]);

        migrationBuilder.CreateTable(
            name: "Invoices",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(maxLength: 100, nullable: false),
                PeriodStartUtc = table.Column<DateTime>(nullable: false),
                PeriodEndUtc = table.Column<DateTime>(nullable: false),
                Currency = table.Column<string>(maxLength: 3, nullable: false),
                Total = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                Status = table.Column<int>(nullable: false),
                IssuedAtUtc = table.Column<DateTime>(nullable: false),
                PaidAtUtc = table.Column<DateTime>(nullable: true),
                PaymentReference = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invoices", x => x.Id);
                table.ForeignKey("FK_Invoices_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Invoices_Number", "Invoices", "Number", unique: true);
        migrationBuilder.CreateIndex("IX_Invoices_TenantId_PeriodStartUtc", "Invoices", ["TenantId", "PeriodStartUtc"], unique: true);

        migrationBuilder.CreateTable(
            name: "InvoiceLines",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                InvoiceId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                Description = table.Column<string>(maxLength: 300, nullable: false),
                Quantity = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                UnitPrice = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
                Amount = table.Column<decimal>(precision: 18, scale: 4, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InvoiceLines", x => x.Id);
                table.ForeignKey("FK_InvoiceLines_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_InvoiceLines_Invoices_InvoiceId", x => x.InvoiceId, "Invoices", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_InvoiceLines_TenantId", "InvoiceLines", "TenantId");
        migrationBuilder.CreateIndex("IX_InvoiceLines_InvoiceId", "InvoiceLines", "InvoiceId");

        migrationBuilder.CreateTable(
            name: "ApiKeys",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Prefix = table.Column<string>(maxLength: 20, nullable: false),
                SecretHash = table.Column<string>(maxLength: 64, nullable: false),
                CreatedByUserId = table.Column<Guid>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                RevokedAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiKeys", x => x.Id);
                table.ForeignKey("FK_ApiKeys_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_ApiKeys_TenantId", "ApiKeys", "TenantId");
        migrationBuilder.CreateIndex("IX_ApiKeys_SecretHash", "ApiKeys", "SecretHash", unique: true);

        migrationBuilder.CreateTable(
            name: "Invitations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 256, nullable: false),
                DisplayName = table.Column<string>(maxLength: 200, nullable: false),
                Role = table.Column<string>(maxLength: 50, nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                InvitedByUserId = table.Column<Guid>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
                ExpiresAtUtc = table.Column<DateTime>(nullable: false),
                AcceptedAtUtc = table.Column<DateTime>(nullable: true),
                RevokedAtUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Invitations", x => x.Id);
                table.ForeignKey("FK_Invitations_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Invitations_TenantId", "Invitations", "TenantId");
        migrationBuilder.CreateIndex("IX_Invitations_TokenHash", "Invitations", "TokenHash", unique: true);

        migrationBuilder.CreateTable(
            name: "JobExecutions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                JobName = table.Column<string>(maxLength: 200, nullable: false),
                JobGroup = table.Column<string>(maxLength: 200, nullable: false),
                FireInstanceId = table.Column<string>(maxLength: 200, nullable: false),
                TenantId = table.Column<Guid>(nullable: true),
                StartedAtUtc = table.Column<DateTime>(nullable: false),
                FinishedAtUtc = table.Column<DateTime>(nullable: true),
                DurationMs = table.Column<long>(nullable: true),
                Status = table.Column<int>(nullable: false),
                Error = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_JobExecutions", x => x.Id));
        migrationBuilder.CreateIndex("IX_JobExecutions_StartedAtUtc", "JobExecutions", "StartedAtUtc");
        migrationBuilder.CreateIndex("IX_JobExecutions_FireInstanceId", "JobExecutions", "FireInstanceId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("JobExecutions");
        migrationBuilder.DropTable("Invitations");
        migrationBuilder.DropTable("ApiKeys");
        migrationBuilder.DropTable("InvoiceLines");
        migrationBuilder.DropTable("Invoices");
        migrationBuilder.DropTable("UsageRecords");
        migrationBuilder.DropTable("Subscriptions");
        migrationBuilder.DropTable("Plans");
    }
}
