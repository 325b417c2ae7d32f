using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>
/// Written by hand (the EF Design package is not available here). Provider-neutral: no store types, so
/// SQLite and PostgreSQL each map the CLR types themselves. MigrationSchemaTests prove, per provider, that
/// the schema this builds equals the one the model describes.
/// </summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Tenants",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Slug = table.Column<string>(maxLength: 64, nullable: false),
                Status = table.Column<int>(nullable: false),
                TimeZone = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Tenants", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Roles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 64, nullable: false),
                NormalizedName = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Roles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Companies",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 300, nullable: false),
                Domain = table.Column<string>(maxLength: 253, nullable: false),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Companies", x => x.Id);
                table.ForeignKey("FK_Companies_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Teams",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                ManagerId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Teams", x => x.Id);
                table.ForeignKey("FK_Teams_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Territories",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                TeamId = table.Column<Guid>(nullable: true),
                Countries = table.Column<string>(nullable: false),
                Industries = table.Column<string>(nullable: false),
                EmployeeBands = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Territories", x => x.Id);
                table.ForeignKey("FK_Territories_Teams_TeamId", x => x.TeamId, "Teams", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Territories_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                Email = table.Column<string>(maxLength: 256, nullable: false),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: false),
                DisplayName = table.Column<string>(maxLength: 200, nullable: false),
                PasswordHash = table.Column<string>(maxLength: 512, nullable: true),
                SecurityStamp = table.Column<string>(maxLength: 64, nullable: false),
                LockoutEndUtc = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                TimeZone = table.Column<string>(maxLength: 64, nullable: false),
                TeamId = table.Column<Guid>(nullable: true),
                CreatedAtUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Users", x => x.Id);
                table.ForeignKey("FK_Users_Teams_TeamId", x => x.TeamId, "Teams", "Id", onDelete: ReferentialAction.SetNull);
                table.ForeignKey("FK_Users_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "UserRoles",
            columns: table => new
            {
                UserId = table.Column<Guid>(nullable: false),
                RoleId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_UserRoles_Roles_RoleId", x => x.RoleId, "Roles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_UserRoles_Users_UserId", x => x.UserId, "Users", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_Tenants_Slug", "Tenants", "Slug", unique: true);
        migrationBuilder.CreateIndex("IX_Roles_NormalizedName", "Roles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_Domain", "Companies", ["TenantId", "Domain"], unique: true);
        migrationBuilder.CreateIndex("IX_Companies_TenantId_Name", "Companies", ["TenantId", "Name"]);
        migrationBuilder.CreateIndex("IX_Teams_TenantId_Name", "Teams", ["TenantId", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_Territories_TeamId", "Territories", "TeamId");
        migrationBuilder.CreateIndex("IX_Territories_TenantId_Name", "Territories", ["TenantId", "Name"], unique: true);
        migrationBuilder.CreateIndex("IX_Users_NormalizedEmail", "Users", "NormalizedEmail", unique: true);
        migrationBuilder.CreateIndex("IX_Users_TeamId", "Users", "TeamId");
        migrationBuilder.CreateIndex("IX_Users_TenantId", "Users", "TenantId");
        migrationBuilder.CreateIndex("IX_UserRoles_RoleId", "UserRoles", "RoleId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("UserRoles");
        migrationBuilder.DropTable("Users");
        migrationBuilder.DropTable("Territories");
        migrationBuilder.DropTable("Teams");
        migrationBuilder.DropTable("Companies");
        migrationBuilder.DropTable("Roles");
        migrationBuilder.DropTable("Tenants");
    }
}
