using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BulkEnrichmentLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "EnrichmentRuns",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntilUtc",
                table: "EnrichmentRuns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EnrichmentRuns_State_LeaseUntilUtc",
                table: "EnrichmentRuns",
                columns: new[] { "State", "LeaseUntilUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnrichmentRuns_State_LeaseUntilUtc",
                table: "EnrichmentRuns");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "EnrichmentRuns");

            migrationBuilder.DropColumn(
                name: "LeaseUntilUtc",
                table: "EnrichmentRuns");
        }
    }
}
