using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>The audit log (hand-written, provider-neutral).</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122010000_AuditEntries")]
public sealed class AuditEntries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: true),
                Action = table.Column<int>(nullable: false),
                EntityType = table.Column<string>(maxLength: 100, nullable: false),
                EntityId = table.Column<Guid>(nullable: false),
                Changes = table.Column<string>(nullable: false),
                Origin = table.Column<string>(maxLength: 100, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
                table.ForeignKey("FK_AuditEntries_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_AuditEntries_TenantId_AtUtc", "AuditEntries", ["TenantId", "AtUtc"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_TenantId_EntityType_EntityId", "AuditEntries", ["TenantId", "EntityType", "EntityId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("AuditEntries");
}
