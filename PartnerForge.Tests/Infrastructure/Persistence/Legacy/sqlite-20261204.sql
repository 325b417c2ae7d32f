-- SQLite schema made by the hand-written migrations (20261122000000_Initial .. 20261204090000_UserTheme), as main built
-- it on 2026-12-04 before issue #14, with its __EFMigrationsHistory rows. sqlite3 .dump.
-- LegacyUpgradeTests start the current version on it. Never edit: it stands for databases in the field.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261122000000_Initial','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122010000_AuditEntries','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122020000_AccountsInFull','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122021000_CsvImports','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122030000_Enrichment','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122040000_Pipeline','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122050000_Administration','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122060000_ChangesAndAlerts','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122070000_Playbook','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122075000_ScoringAndRouting','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122080000_AlertSettingsAndRetention','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261122090000_EnrichmentBudgetNotices','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261204000000_OneActiveRunPerAccount','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261204090000_UserTheme','10.0.14');
CREATE TABLE IF NOT EXISTS "Tenants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Tenants" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "Roles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Roles" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "NormalizedName" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "Companies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Companies" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Domain" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL, "SearchName" TEXT NOT NULL DEFAULT '', "UpdatedAtUtc" TEXT NOT NULL DEFAULT '2000-01-01 00:00:00', "Industry" TEXT NULL, "Country" TEXT NULL, "EmployeeBand" TEXT NULL, "RevenueBand" TEXT NULL, "OwnerId" TEXT NULL, "Tier" INTEGER NULL, "ImportId" TEXT NULL, "FitScore" INTEGER NULL, "SignalScore" INTEGER NULL, "PriorityScore" INTEGER NULL, "ScoredAtUtc" TEXT NULL,
    CONSTRAINT "FK_Companies_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Teams" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Teams" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ManagerId" TEXT NULL,
    CONSTRAINT "FK_Teams_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Territories" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Territories" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "TeamId" TEXT NULL,
    "Countries" TEXT NOT NULL,
    "Industries" TEXT NOT NULL,
    "EmployeeBands" TEXT NOT NULL,
    CONSTRAINT "FK_Territories_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Territories_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "NormalizedEmail" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NOT NULL,
    "LockoutEndUtc" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "TeamId" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL, "Theme" TEXT NULL,
    CONSTRAINT "FK_Users_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Users_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "UserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_UserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_UserRoles_Roles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "Roles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_UserRoles_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AuditEntries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "Action" INTEGER NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NOT NULL,
    "Changes" TEXT NOT NULL,
    "Origin" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_AuditEntries_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "CompanyTags" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CompanyTags" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "Tag" TEXT NOT NULL,
    "NormalizedTag" TEXT NOT NULL,
    CONSTRAINT "FK_CompanyTags_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CompanyTags_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "SavedViews" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SavedViews" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Definition" TEXT NOT NULL,
    "IsShared" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_SavedViews_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SavedViews_Users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "CompanyMerges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CompanyMerges" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "SurvivorId" TEXT NOT NULL,
    "MergedId" TEXT NOT NULL,
    "MergedName" TEXT NOT NULL,
    "MergedDomain" TEXT NOT NULL,
    "MergedSnapshot" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    "AtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_CompanyMerges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "ImportJobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImportJobs" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "FileBytes" INTEGER NOT NULL,
    "Encoding" TEXT NOT NULL,
    "Delimiter" TEXT NOT NULL,
    "Mapping" TEXT NOT NULL,
    "Mode" INTEGER NOT NULL,
    "MatchFields" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "RowsRead" INTEGER NOT NULL,
    "Created" INTEGER NOT NULL,
    "Updated" INTEGER NOT NULL,
    "Unchanged" INTEGER NOT NULL,
    "Errors" INTEGER NOT NULL,
    "Duplicates" INTEGER NOT NULL,
    "BytesRead" INTEGER NOT NULL,
    "RowsPerSecond" REAL NOT NULL,
    "Failure" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "StartedAtUtc" TEXT NULL,
    "FinishedAtUtc" TEXT NULL,
    "RevertedAtUtc" TEXT NULL,
    CONSTRAINT "FK_ImportJobs_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "ImportChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ImportChanges" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "ImportId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "RowNumber" INTEGER NOT NULL,
    "Before" TEXT NOT NULL,
    CONSTRAINT "FK_ImportChanges_ImportJobs_ImportId" FOREIGN KEY ("ImportId") REFERENCES "ImportJobs" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ImportChanges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Technologies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Technologies" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Vendor" TEXT NULL,
    "Website" TEXT NULL
);
CREATE TABLE IF NOT EXISTS "CompanyTechnologies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CompanyTechnologies" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "TechnologyId" TEXT NOT NULL,
    "Confidence" INTEGER NOT NULL,
    "Version" TEXT NULL,
    "FirstSeenUtc" TEXT NOT NULL,
    "LastSeenUtc" TEXT NOT NULL,
    "Evidence" TEXT NOT NULL,
    "SourceUrl" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    CONSTRAINT "FK_CompanyTechnologies_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CompanyTechnologies_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_CompanyTechnologies_Technologies_TechnologyId" FOREIGN KEY ("TechnologyId") REFERENCES "Technologies" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "EnrichmentRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EnrichmentRuns" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "BatchId" TEXT NULL,
    "RequestedBy" TEXT NULL,
    "State" INTEGER NOT NULL,
    "QueuedAtUtc" TEXT NOT NULL,
    "StartedAtUtc" TEXT NULL,
    "FinishedAtUtc" TEXT NULL,
    "ModulesTotal" INTEGER NOT NULL,
    "ModulesOk" INTEGER NOT NULL,
    "ModulesFailed" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL, "FailureReason" TEXT NULL,
    CONSTRAINT "FK_EnrichmentRuns_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_EnrichmentRuns_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "EnrichmentStatuses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EnrichmentStatuses" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "Module" TEXT NOT NULL,
    "Outcome" INTEGER NOT NULL,
    "Reason" TEXT NULL,
    "LastRunId" TEXT NULL,
    "LastRunAtUtc" TEXT NULL,
    "LastGoodAtUtc" TEXT NULL,
    "LastGoodSnapshotId" TEXT NULL,
    CONSTRAINT "FK_EnrichmentStatuses_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_EnrichmentStatuses_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "IntelSnapshots" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IntelSnapshots" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "Module" TEXT NOT NULL,
    "RunId" TEXT NOT NULL,
    "CapturedAtUtc" TEXT NOT NULL,
    "CanonicalJson" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "FactCount" INTEGER NOT NULL,
    "PreviousSnapshotId" TEXT NULL,
    CONSTRAINT "FK_IntelSnapshots_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_IntelSnapshots_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ApiCostConfigs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiCostConfigs" PRIMARY KEY,
    "Source" TEXT NOT NULL,
    "CostMicros" INTEGER NOT NULL,
    "Metered" INTEGER NOT NULL,
    "Description" TEXT NULL
, "Currency" TEXT NOT NULL DEFAULT 'USD');
CREATE TABLE IF NOT EXISTS "ApiBudgets" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiBudgets" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "MaxCalls" INTEGER NULL,
    "MaxCostMicros" INTEGER NULL,
    CONSTRAINT "FK_ApiBudgets_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "ApiUsages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiUsages" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Module" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "CostMicros" INTEGER NOT NULL,
    "CompanyId" TEXT NULL,
    "Url" TEXT NULL,
    CONSTRAINT "FK_ApiUsages_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "TrafficRanks" (
    "Domain" TEXT NOT NULL CONSTRAINT "PK_TrafficRanks" PRIMARY KEY,
    "Rank" INTEGER NOT NULL,
    "ListName" TEXT NOT NULL,
    "ImportedAtUtc" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "Stages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Stages" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "DefaultProbability" INTEGER NOT NULL,
    "Kind" INTEGER NOT NULL,
    CONSTRAINT "FK_Stages_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "PipelineSettings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PipelineSettings" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Framework" INTEGER NOT NULL,
    "ReportingCurrency" TEXT NOT NULL,
    CONSTRAINT "FK_PipelineSettings_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Deals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Deals" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "StageId" TEXT NOT NULL,
    "StageEnteredAtUtc" TEXT NOT NULL,
    "FurthestPosition" INTEGER NOT NULL,
    "BoardRank" REAL NOT NULL,
    "AmountMinor" INTEGER NOT NULL,
    "Currency" TEXT NOT NULL,
    "ExpectedCloseDate" TEXT NOT NULL,
    "Probability" INTEGER NOT NULL,
    "ProbabilityOverridden" INTEGER NOT NULL,
    "Qualification" TEXT NOT NULL,
    "NextStep" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ClosedAtUtc" TEXT NULL,
    "Won" INTEGER NULL,
    "CloseReason" TEXT NULL,
    "CycleDays" INTEGER NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_Deals_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Deals_Stages_StageId" FOREIGN KEY ("StageId") REFERENCES "Stages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Deals_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Deals_Users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "Users" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "StageChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StageChanges" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "DealId" TEXT NOT NULL,
    "FromStageId" TEXT NULL,
    "ToStageId" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    "ByUserId" TEXT NULL,
    CONSTRAINT "FK_StageChanges_Deals_DealId" FOREIGN KEY ("DealId") REFERENCES "Deals" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_StageChanges_Stages_ToStageId" FOREIGN KEY ("ToStageId") REFERENCES "Stages" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_StageChanges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Plans" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Plans" PRIMARY KEY,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "MonthlyPrice" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "Seats" INTEGER NOT NULL,
    "MonthlyEnrichmentCredits" INTEGER NOT NULL,
    "MonthlyApiCalls" INTEGER NOT NULL,
    "OveragePricePerCredit" TEXT NOT NULL,
    "OveragePricePerThousandApiCalls" TEXT NOT NULL,
    "IncludedModules" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "Subscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Subscriptions" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "PlanId" TEXT NOT NULL,
    "StartedAtUtc" TEXT NOT NULL,
    "EndedAtUtc" TEXT NULL,
    CONSTRAINT "FK_Subscriptions_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Subscriptions_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES "Plans" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "UsageRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UsageRecords" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Quantity" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_UsageRecords_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Invoices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Invoices" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "PeriodStartUtc" TEXT NOT NULL,
    "PeriodEndUtc" TEXT NOT NULL,
    "Currency" TEXT NOT NULL,
    "Total" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "IssuedAtUtc" TEXT NOT NULL,
    "PaidAtUtc" TEXT NULL,
    "PaymentReference" TEXT NULL,
    CONSTRAINT "FK_Invoices_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "InvoiceLines" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_InvoiceLines" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "InvoiceId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Description" TEXT NOT NULL,
    "Quantity" TEXT NOT NULL,
    "UnitPrice" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    CONSTRAINT "FK_InvoiceLines_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_InvoiceLines_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES "Invoices" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ApiKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "SecretHash" TEXT NOT NULL,
    "CreatedByUserId" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "RevokedAtUtc" TEXT NULL,
    CONSTRAINT "FK_ApiKeys_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Invitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Invitations" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "InvitedByUserId" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ExpiresAtUtc" TEXT NOT NULL,
    "AcceptedAtUtc" TEXT NULL,
    "RevokedAtUtc" TEXT NULL,
    CONSTRAINT "FK_Invitations_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "JobExecutions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_JobExecutions" PRIMARY KEY,
    "JobName" TEXT NOT NULL,
    "JobGroup" TEXT NOT NULL,
    "FireInstanceId" TEXT NOT NULL,
    "TenantId" TEXT NULL,
    "StartedAtUtc" TEXT NOT NULL,
    "FinishedAtUtc" TEXT NULL,
    "DurationMs" INTEGER NULL,
    "Status" INTEGER NOT NULL,
    "Error" TEXT NULL
);
CREATE TABLE IF NOT EXISTS "SnapshotHeads" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SnapshotHeads" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "Module" TEXT NOT NULL,
    "SnapshotId" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "LastConfirmedAtUtc" TEXT NOT NULL,
    "Confirmations" INTEGER NOT NULL,
    CONSTRAINT "FK_SnapshotHeads_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_SnapshotHeads_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "ChangeEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ChangeEvents" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "SnapshotId" TEXT NOT NULL,
    "PreviousSnapshotId" TEXT NULL,
    "Module" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "OldValue" TEXT NULL,
    "NewValue" TEXT NULL,
    "Significance" INTEGER NOT NULL,
    "Rule" TEXT NOT NULL,
    "Technology" TEXT NULL,
    "DetectedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ChangeEvents_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ChangeEvents_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AlertRules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AlertRules" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "TeamId" TEXT NULL,
    "IsActive" INTEGER NOT NULL,
    "Module" TEXT NULL,
    "PathPrefix" TEXT NULL,
    "Kind" INTEGER NULL,
    "MinSignificance" INTEGER NOT NULL,
    "Technologies" TEXT NULL,
    "Tiers" TEXT NULL,
    "OnlyMyAccounts" INTEGER NOT NULL,
    "TerritoryId" TEXT NULL,
    CONSTRAINT "FK_AlertRules_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Alerts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Alerts" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "RuleId" TEXT NOT NULL,
    "ChangeEventId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "Significance" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "ReadAtUtc" TEXT NULL,
    "EmailedAtUtc" TEXT NULL,
    CONSTRAINT "FK_Alerts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Alerts_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Alerts_ChangeEvents_ChangeEventId" FOREIGN KEY ("ChangeEventId") REFERENCES "ChangeEvents" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AlertPreferences" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AlertPreferences" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "InApp" INTEGER NOT NULL,
    "EmailImmediately" INTEGER NOT NULL,
    "Digest" INTEGER NOT NULL,
    "DigestHour" INTEGER NOT NULL,
    "DigestDay" INTEGER NOT NULL,
    "QuietFromHour" INTEGER NULL,
    "QuietToHour" INTEGER NULL,
    CONSTRAINT "FK_AlertPreferences_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AlertPreferences_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AlertDigests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AlertDigests" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "PeriodKey" TEXT NOT NULL,
    "ToEmail" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Html" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "AlertCount" INTEGER NOT NULL,
    "ComposedAtUtc" TEXT NOT NULL,
    "SentAtUtc" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL, "MessageId" TEXT NULL, "SendStartedAtUtc" TEXT NULL, "InDoubtResends" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "FK_AlertDigests_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AlertDigests_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "TitleRules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TitleRules" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "Role" INTEGER NOT NULL,
    "Keywords" TEXT NOT NULL,
    CONSTRAINT "FK_TitleRules_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "CommitteeOverrides" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CommitteeOverrides" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "PersonName" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "SetBy" TEXT NULL,
    "SetAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_CommitteeOverrides_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_CommitteeOverrides_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "DisplacementRules" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DisplacementRules" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "OurProduct" TEXT NOT NULL,
    "CompetitorProduct" TEXT NOT NULL,
    CONSTRAINT "FK_DisplacementRules_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "EvidenceItems" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EvidenceItems" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Customer" TEXT NULL,
    "Industry" TEXT NULL,
    "SizeBand" TEXT NULL,
    "Technologies" TEXT NOT NULL,
    "UseCase" TEXT NULL,
    "Url" TEXT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_EvidenceItems_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "IcpProfiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IcpProfiles" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CriteriaJson" TEXT NOT NULL,
    "FitWeightPercent" INTEGER NOT NULL,
    "ThresholdA" INTEGER NOT NULL,
    "ThresholdB" INTEGER NOT NULL,
    "ThresholdC" INTEGER NOT NULL,
    "SignalHalfLifeDays" INTEGER NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_IcpProfiles_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "TierChanges" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TierChanges" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "OldTier" INTEGER NULL,
    "NewTier" INTEGER NOT NULL,
    "Fit" INTEGER NOT NULL,
    "Signal" INTEGER NOT NULL,
    "Priority" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_TierChanges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TierChanges_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AccountAssignments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AccountAssignments" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "CompanyId" TEXT NOT NULL,
    "OldOwnerId" TEXT NULL,
    "NewOwnerId" TEXT NULL,
    "TerritoryId" TEXT NULL,
    "TeamId" TEXT NULL,
    "IsOverride" INTEGER NOT NULL,
    "ByUserId" TEXT NULL,
    "Reason" TEXT NOT NULL,
    "AtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_AccountAssignments_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AccountAssignments_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES "Companies" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "RoutingCursors" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RoutingCursors" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "TeamId" TEXT NOT NULL,
    "Next" INTEGER NOT NULL,
    CONSTRAINT "FK_RoutingCursors_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RoutingCursors_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "SnapshotPruneRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SnapshotPruneRuns" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "RanAtUtc" TEXT NOT NULL,
    "KeepAllDays" INTEGER NOT NULL,
    "Examined" INTEGER NOT NULL,
    "Pruned" INTEGER NOT NULL,
    "KeptRecent" INTEGER NOT NULL,
    "KeptLatest" INTEGER NOT NULL,
    "KeptReferenced" INTEGER NOT NULL,
    "KeptWeekly" INTEGER NOT NULL,
    CONSTRAINT "FK_SnapshotPruneRuns_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "BudgetNotices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BudgetNotices" PRIMARY KEY,
    "TenantId" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "Threshold" INTEGER NOT NULL,
    "CallsUsed" INTEGER NOT NULL,
    "MaxCalls" INTEGER NULL,
    "CostMicrosUsed" INTEGER NOT NULL,
    "MaxCostMicros" INTEGER NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "EmailedAtUtc" TEXT NULL,
    "EmailRecipients" INTEGER NOT NULL,
    CONSTRAINT "FK_BudgetNotices_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES "Tenants" ("Id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "IX_Tenants_Slug" ON "Tenants" ("Slug");
CREATE UNIQUE INDEX "IX_Roles_NormalizedName" ON "Roles" ("NormalizedName");
CREATE UNIQUE INDEX "IX_Companies_TenantId_Domain" ON "Companies" ("TenantId", "Domain");
CREATE UNIQUE INDEX "IX_Teams_TenantId_Name" ON "Teams" ("TenantId", "Name");
CREATE INDEX "IX_Territories_TeamId" ON "Territories" ("TeamId");
CREATE UNIQUE INDEX "IX_Territories_TenantId_Name" ON "Territories" ("TenantId", "Name");
CREATE UNIQUE INDEX "IX_Users_NormalizedEmail" ON "Users" ("NormalizedEmail");
CREATE INDEX "IX_Users_TeamId" ON "Users" ("TeamId");
CREATE INDEX "IX_Users_TenantId" ON "Users" ("TenantId");
CREATE INDEX "IX_UserRoles_RoleId" ON "UserRoles" ("RoleId");
CREATE INDEX "IX_AuditEntries_TenantId_AtUtc" ON "AuditEntries" ("TenantId", "AtUtc");
CREATE INDEX "IX_AuditEntries_TenantId_EntityType_EntityId" ON "AuditEntries" ("TenantId", "EntityType", "EntityId");
CREATE INDEX "IX_Companies_TenantId_SearchName" ON "Companies" ("TenantId", "SearchName");
CREATE INDEX "IX_Companies_TenantId_Country_SearchName" ON "Companies" ("TenantId", "Country", "SearchName");
CREATE INDEX "IX_Companies_TenantId_Industry_SearchName" ON "Companies" ("TenantId", "Industry", "SearchName");
CREATE INDEX "IX_Companies_TenantId_Tier_SearchName" ON "Companies" ("TenantId", "Tier", "SearchName");
CREATE INDEX "IX_Companies_TenantId_OwnerId_SearchName" ON "Companies" ("TenantId", "OwnerId", "SearchName");
CREATE INDEX "IX_Companies_TenantId_UpdatedAtUtc" ON "Companies" ("TenantId", "UpdatedAtUtc");
CREATE INDEX "IX_Companies_TenantId_CreatedAtUtc" ON "Companies" ("TenantId", "CreatedAtUtc");
CREATE INDEX "IX_Companies_ImportId" ON "Companies" ("ImportId");
CREATE UNIQUE INDEX "IX_CompanyTags_CompanyId_NormalizedTag" ON "CompanyTags" ("CompanyId", "NormalizedTag");
CREATE INDEX "IX_CompanyTags_TenantId_NormalizedTag" ON "CompanyTags" ("TenantId", "NormalizedTag");
CREATE INDEX "IX_SavedViews_OwnerId" ON "SavedViews" ("OwnerId");
CREATE INDEX "IX_SavedViews_TenantId_OwnerId" ON "SavedViews" ("TenantId", "OwnerId");
CREATE INDEX "IX_CompanyMerges_TenantId_SurvivorId" ON "CompanyMerges" ("TenantId", "SurvivorId");
CREATE INDEX "IX_ImportJobs_TenantId_CreatedAtUtc" ON "ImportJobs" ("TenantId", "CreatedAtUtc");
CREATE INDEX "IX_ImportChanges_ImportId_RowNumber" ON "ImportChanges" ("ImportId", "RowNumber");
CREATE INDEX "IX_ImportChanges_ImportId_CompanyId" ON "ImportChanges" ("ImportId", "CompanyId");
CREATE INDEX "IX_ImportChanges_TenantId" ON "ImportChanges" ("TenantId");
CREATE UNIQUE INDEX "IX_Technologies_Name" ON "Technologies" ("Name");
CREATE UNIQUE INDEX "IX_CompanyTechnologies_TenantId_CompanyId_TechnologyId" ON "CompanyTechnologies" ("TenantId", "CompanyId", "TechnologyId");
CREATE INDEX "IX_CompanyTechnologies_TenantId_TechnologyId" ON "CompanyTechnologies" ("TenantId", "TechnologyId");
CREATE INDEX "IX_CompanyTechnologies_CompanyId" ON "CompanyTechnologies" ("CompanyId");
CREATE INDEX "IX_CompanyTechnologies_TechnologyId" ON "CompanyTechnologies" ("TechnologyId");
CREATE INDEX "IX_EnrichmentRuns_TenantId_QueuedAtUtc" ON "EnrichmentRuns" ("TenantId", "QueuedAtUtc");
CREATE INDEX "IX_EnrichmentRuns_TenantId_CompanyId" ON "EnrichmentRuns" ("TenantId", "CompanyId");
CREATE INDEX "IX_EnrichmentRuns_TenantId_BatchId" ON "EnrichmentRuns" ("TenantId", "BatchId");
CREATE INDEX "IX_EnrichmentRuns_CompanyId" ON "EnrichmentRuns" ("CompanyId");
CREATE UNIQUE INDEX "IX_EnrichmentStatuses_TenantId_CompanyId_Module" ON "EnrichmentStatuses" ("TenantId", "CompanyId", "Module");
CREATE INDEX "IX_EnrichmentStatuses_CompanyId" ON "EnrichmentStatuses" ("CompanyId");
CREATE INDEX "IX_IntelSnapshots_TenantId_CompanyId_Module_CapturedAtUtc" ON "IntelSnapshots" ("TenantId", "CompanyId", "Module", "CapturedAtUtc");
CREATE INDEX "IX_IntelSnapshots_CompanyId" ON "IntelSnapshots" ("CompanyId");
CREATE UNIQUE INDEX "IX_ApiCostConfigs_Source" ON "ApiCostConfigs" ("Source");
CREATE UNIQUE INDEX "IX_ApiBudgets_TenantId_Source_Period" ON "ApiBudgets" ("TenantId", "Source", "Period");
CREATE INDEX "IX_ApiUsages_TenantId_Source_AtUtc" ON "ApiUsages" ("TenantId", "Source", "AtUtc");
CREATE INDEX "IX_Stages_TenantId_Position" ON "Stages" ("TenantId", "Position");
CREATE UNIQUE INDEX "IX_PipelineSettings_TenantId" ON "PipelineSettings" ("TenantId");
CREATE INDEX "IX_Deals_CompanyId" ON "Deals" ("CompanyId");
CREATE INDEX "IX_Deals_OwnerId" ON "Deals" ("OwnerId");
CREATE INDEX "IX_Deals_StageId" ON "Deals" ("StageId");
CREATE INDEX "IX_Deals_TenantId_StageId_BoardRank" ON "Deals" ("TenantId", "StageId", "BoardRank");
CREATE INDEX "IX_Deals_TenantId_ClosedAtUtc" ON "Deals" ("TenantId", "ClosedAtUtc");
CREATE INDEX "IX_Deals_TenantId_CreatedAtUtc" ON "Deals" ("TenantId", "CreatedAtUtc");
CREATE INDEX "IX_Deals_TenantId_ExpectedCloseDate" ON "Deals" ("TenantId", "ExpectedCloseDate");
CREATE INDEX "IX_StageChanges_DealId" ON "StageChanges" ("DealId");
CREATE INDEX "IX_StageChanges_ToStageId" ON "StageChanges" ("ToStageId");
CREATE INDEX "IX_StageChanges_TenantId_AtUtc" ON "StageChanges" ("TenantId", "AtUtc");
CREATE UNIQUE INDEX "IX_Plans_Code" ON "Plans" ("Code");
CREATE INDEX "IX_Subscriptions_TenantId_StartedAtUtc" ON "Subscriptions" ("TenantId", "StartedAtUtc");
CREATE INDEX "IX_Subscriptions_PlanId" ON "Subscriptions" ("PlanId");
CREATE INDEX "IX_UsageRecords_TenantId_Kind_AtUtc" ON "UsageRecords" ("TenantId", "Kind", "AtUtc");
CREATE UNIQUE INDEX "IX_Invoices_Number" ON "Invoices" ("Number");
CREATE UNIQUE INDEX "IX_Invoices_TenantId_PeriodStartUtc" ON "Invoices" ("TenantId", "PeriodStartUtc");
CREATE INDEX "IX_InvoiceLines_TenantId" ON "InvoiceLines" ("TenantId");
CREATE INDEX "IX_InvoiceLines_InvoiceId" ON "InvoiceLines" ("InvoiceId");
CREATE INDEX "IX_ApiKeys_TenantId" ON "ApiKeys" ("TenantId");
CREATE UNIQUE INDEX "IX_ApiKeys_SecretHash" ON "ApiKeys" ("SecretHash");
CREATE INDEX "IX_Invitations_TenantId" ON "Invitations" ("TenantId");
CREATE UNIQUE INDEX "IX_Invitations_TokenHash" ON "Invitations" ("TokenHash");
CREATE INDEX "IX_JobExecutions_StartedAtUtc" ON "JobExecutions" ("StartedAtUtc");
CREATE INDEX "IX_JobExecutions_FireInstanceId" ON "JobExecutions" ("FireInstanceId");
CREATE UNIQUE INDEX "IX_SnapshotHeads_TenantId_CompanyId_Module" ON "SnapshotHeads" ("TenantId", "CompanyId", "Module");
CREATE INDEX "IX_SnapshotHeads_CompanyId" ON "SnapshotHeads" ("CompanyId");
CREATE INDEX "IX_ChangeEvents_TenantId_DetectedAtUtc_Id" ON "ChangeEvents" ("TenantId", "DetectedAtUtc", "Id");
CREATE INDEX "IX_ChangeEvents_TenantId_CompanyId_DetectedAtUtc_Id" ON "ChangeEvents" ("TenantId", "CompanyId", "DetectedAtUtc", "Id");
CREATE INDEX "IX_ChangeEvents_CompanyId" ON "ChangeEvents" ("CompanyId");
CREATE INDEX "IX_AlertRules_TenantId_UserId" ON "AlertRules" ("TenantId", "UserId");
CREATE INDEX "IX_AlertRules_TenantId_TeamId" ON "AlertRules" ("TenantId", "TeamId");
CREATE UNIQUE INDEX "IX_Alerts_TenantId_UserId_ChangeEventId" ON "Alerts" ("TenantId", "UserId", "ChangeEventId");
CREATE INDEX "IX_Alerts_TenantId_UserId_CreatedAtUtc" ON "Alerts" ("TenantId", "UserId", "CreatedAtUtc");
CREATE INDEX "IX_Alerts_TenantId_UserId_ReadAtUtc" ON "Alerts" ("TenantId", "UserId", "ReadAtUtc");
CREATE INDEX "IX_Alerts_UserId" ON "Alerts" ("UserId");
CREATE INDEX "IX_Alerts_ChangeEventId" ON "Alerts" ("ChangeEventId");
CREATE UNIQUE INDEX "IX_AlertPreferences_TenantId_UserId" ON "AlertPreferences" ("TenantId", "UserId");
CREATE INDEX "IX_AlertPreferences_UserId" ON "AlertPreferences" ("UserId");
CREATE UNIQUE INDEX "IX_AlertDigests_TenantId_UserId_PeriodKey" ON "AlertDigests" ("TenantId", "UserId", "PeriodKey");
CREATE INDEX "IX_AlertDigests_TenantId_SentAtUtc" ON "AlertDigests" ("TenantId", "SentAtUtc");
CREATE INDEX "IX_AlertDigests_UserId" ON "AlertDigests" ("UserId");
CREATE INDEX "IX_TitleRules_TenantId_Position" ON "TitleRules" ("TenantId", "Position");
CREATE UNIQUE INDEX "IX_CommitteeOverrides_TenantId_CompanyId_PersonName" ON "CommitteeOverrides" ("TenantId", "CompanyId", "PersonName");
CREATE INDEX "IX_CommitteeOverrides_CompanyId" ON "CommitteeOverrides" ("CompanyId");
CREATE UNIQUE INDEX "IX_DisplacementRules_TenantId_CompetitorProduct_OurProduct" ON "DisplacementRules" ("TenantId", "CompetitorProduct", "OurProduct");
CREATE UNIQUE INDEX "IX_EvidenceItems_TenantId_Title" ON "EvidenceItems" ("TenantId", "Title");
CREATE INDEX "IX_Companies_TenantId_FitScore_Id" ON "Companies" ("TenantId", "FitScore", "Id");
CREATE INDEX "IX_Companies_TenantId_SignalScore_Id" ON "Companies" ("TenantId", "SignalScore", "Id");
CREATE INDEX "IX_Companies_TenantId_PriorityScore_Id" ON "Companies" ("TenantId", "PriorityScore", "Id");
CREATE UNIQUE INDEX "IX_IcpProfiles_TenantId" ON "IcpProfiles" ("TenantId");
CREATE INDEX "IX_TierChanges_TenantId_CompanyId_AtUtc" ON "TierChanges" ("TenantId", "CompanyId", "AtUtc");
CREATE INDEX "IX_TierChanges_CompanyId" ON "TierChanges" ("CompanyId");
CREATE INDEX "IX_AccountAssignments_TenantId_CompanyId_AtUtc" ON "AccountAssignments" ("TenantId", "CompanyId", "AtUtc");
CREATE INDEX "IX_AccountAssignments_CompanyId" ON "AccountAssignments" ("CompanyId");
CREATE UNIQUE INDEX "IX_RoutingCursors_TenantId_TeamId" ON "RoutingCursors" ("TenantId", "TeamId");
CREATE INDEX "IX_RoutingCursors_TeamId" ON "RoutingCursors" ("TeamId");
CREATE INDEX "IX_SnapshotPruneRuns_TenantId_RanAtUtc" ON "SnapshotPruneRuns" ("TenantId", "RanAtUtc");
CREATE UNIQUE INDEX "IX_BudgetNotices_TenantId_Source_Period_Threshold" ON "BudgetNotices" ("TenantId", "Source", "Period", "Threshold");
CREATE UNIQUE INDEX "IX_EnrichmentRuns_OneActivePerAccount" ON "EnrichmentRuns" ("TenantId", "CompanyId") WHERE "State" IN (0, 1);
COMMIT;
