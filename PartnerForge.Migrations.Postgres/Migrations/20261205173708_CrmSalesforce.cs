using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CrmSalesforce : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstanceUrl",
                table: "CrmConnections",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InstanceUrl",
                table: "CrmConnections");
        }
    }
}
