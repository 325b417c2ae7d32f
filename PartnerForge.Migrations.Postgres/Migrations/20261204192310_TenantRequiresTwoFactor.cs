using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class TenantRequiresTwoFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequiresTwoFactor",
                table: "Tenants",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequiresTwoFactor",
                table: "Tenants");
        }
    }
}
