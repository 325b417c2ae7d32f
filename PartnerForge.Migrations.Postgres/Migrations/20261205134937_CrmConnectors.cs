using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerForge.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CrmConnectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrmConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Provider = table.Column<int>(type: "integer", nullable: false),
                    ExternalAccountId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AccountName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProtectedAccessToken = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ProtectedRefreshToken = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    AccessTokenExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConnectedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    LastSyncAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SyncIntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrmConnections_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrmFieldMappings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ObjectKind = table.Column<int>(type: "integer", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    OurField = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CrmProperty = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Policy = table.Column<int>(type: "integer", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmFieldMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrmFieldMappings_CrmConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "CrmConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CrmFieldMappings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrmLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ObjectKind = table.Column<int>(type: "integer", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrmId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastPulledModstampUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastPushedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastPushedHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Archived = table.Column<bool>(type: "boolean", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrmLinks_CrmConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "CrmConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CrmLinks_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrmSyncRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConnectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RetryOfRunId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    QueuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false),
                    Deleted = table.Column<int>(type: "integer", nullable: false),
                    Merged = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Pushed = table.Column<int>(type: "integer", nullable: false),
                    ApiCalls = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmSyncRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrmSyncRuns_CrmConnections_ConnectionId",
                        column: x => x.ConnectionId,
                        principalTable: "CrmConnections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CrmSyncRuns_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrmSyncRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    ObjectKind = table.Column<int>(type: "integer", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    CrmId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrmSyncRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrmSyncRecords_CrmSyncRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CrmSyncRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CrmSyncRecords_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrmConnections_TenantId_Provider_ExternalAccountId",
                table: "CrmConnections",
                columns: new[] { "TenantId", "Provider", "ExternalAccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrmFieldMappings_ConnectionId_ObjectKind_Direction_OurField",
                table: "CrmFieldMappings",
                columns: new[] { "ConnectionId", "ObjectKind", "Direction", "OurField" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrmFieldMappings_TenantId",
                table: "CrmFieldMappings",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_CrmLinks_ConnectionId_ObjectKind_CrmId",
                table: "CrmLinks",
                columns: new[] { "ConnectionId", "ObjectKind", "CrmId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrmLinks_ConnectionId_ObjectKind_RecordId",
                table: "CrmLinks",
                columns: new[] { "ConnectionId", "ObjectKind", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_CrmLinks_TenantId",
                table: "CrmLinks",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_CrmSyncRecords_RunId_Outcome",
                table: "CrmSyncRecords",
                columns: new[] { "RunId", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_CrmSyncRecords_TenantId",
                table: "CrmSyncRecords",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_CrmSyncRuns_ConnectionId_QueuedAtUtc",
                table: "CrmSyncRuns",
                columns: new[] { "ConnectionId", "QueuedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CrmSyncRuns_TenantId",
                table: "CrmSyncRuns",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrmFieldMappings");

            migrationBuilder.DropTable(
                name: "CrmLinks");

            migrationBuilder.DropTable(
                name: "CrmSyncRecords");

            migrationBuilder.DropTable(
                name: "CrmSyncRuns");

            migrationBuilder.DropTable(
                name: "CrmConnections");
        }
    }
}
