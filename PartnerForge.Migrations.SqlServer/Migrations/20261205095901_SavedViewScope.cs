using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SavedViewScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SavedViews_TenantId_OwnerId",
                table: "SavedViews");

            migrationBuilder.AddColumn<int>(
                name: "Scope",
                table: "SavedViews",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_SavedViews_TenantId_OwnerId_Scope",
                table: "SavedViews",
                columns: new[] { "TenantId", "OwnerId", "Scope" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SavedViews_TenantId_OwnerId_Scope",
                table: "SavedViews");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "SavedViews");

            migrationBuilder.CreateIndex(
                name: "IX_SavedViews_TenantId_OwnerId",
                table: "SavedViews",
                columns: new[] { "TenantId", "OwnerId" });
        }
    }
}
