using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ContactImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "ImportJobs",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ContactId",
                table: "ImportChanges",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ImportId",
                table: "Contacts",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportChanges_ImportId_ContactId",
                table: "ImportChanges",
                columns: new[] { "ImportId", "ContactId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ImportId",
                table: "Contacts",
                column: "ImportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ImportChanges_ImportId_ContactId",
                table: "ImportChanges");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_ImportId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ImportJobs");

            migrationBuilder.DropColumn(
                name: "ContactId",
                table: "ImportChanges");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Contacts");
        }
    }
}
