using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Infrastructure.Persistence.Migrations;

/// <summary>A user's light or dark theme choice, remembered across browsers (null: follow the device).</summary>
[DbContext(typeof(PartnerForgeDbContext))]
[Migration("20261204090000_UserTheme")]
public sealed class UserTheme : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "Theme", table: "Users", maxLength: 8, nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("Theme", "Users");
}
