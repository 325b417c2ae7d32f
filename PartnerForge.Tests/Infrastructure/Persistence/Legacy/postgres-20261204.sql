-- PostgreSQL schema made by the hand-written migrations (20261122000000_Initial .. 20261204090000_UserTheme), as main built
-- it on 2026-12-04 before issue #14, with its __EFMigrationsHistory rows. pg_dump --no-owner --no-privileges --inserts (psql meta-commands removed).
-- LegacyUpgradeTests start the current version on it. Never edit: it stands for databases in the field.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: AccountAssignments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."AccountAssignments" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "OldOwnerId" uuid,
    "NewOwnerId" uuid,
    "TerritoryId" uuid,
    "TeamId" uuid,
    "IsOverride" boolean NOT NULL,
    "ByUserId" uuid,
    "Reason" character varying(500) NOT NULL,
    "AtUtc" timestamp with time zone NOT NULL
);


--
-- Name: AlertDigests; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."AlertDigests" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "PeriodKey" character varying(40) NOT NULL,
    "ToEmail" character varying(256) NOT NULL,
    "Subject" character varying(200) NOT NULL,
    "Html" text NOT NULL,
    "Text" text NOT NULL,
    "AlertCount" integer NOT NULL,
    "ComposedAtUtc" timestamp with time zone NOT NULL,
    "SentAtUtc" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "LastError" character varying(500),
    "MessageId" character varying(100),
    "SendStartedAtUtc" timestamp with time zone,
    "InDoubtResends" integer DEFAULT 0 NOT NULL
);


--
-- Name: AlertPreferences; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."AlertPreferences" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "InApp" boolean NOT NULL,
    "EmailImmediately" boolean NOT NULL,
    "Digest" integer NOT NULL,
    "DigestHour" integer NOT NULL,
    "DigestDay" integer NOT NULL,
    "QuietFromHour" integer,
    "QuietToHour" integer
);


--
-- Name: AlertRules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."AlertRules" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "CreatedBy" uuid NOT NULL,
    "UserId" uuid,
    "TeamId" uuid,
    "IsActive" boolean NOT NULL,
    "Module" character varying(3),
    "PathPrefix" character varying(200),
    "Kind" integer,
    "MinSignificance" integer NOT NULL,
    "Technologies" character varying(500),
    "Tiers" character varying(20),
    "OnlyMyAccounts" boolean NOT NULL,
    "TerritoryId" uuid
);


--
-- Name: Alerts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Alerts" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "RuleId" uuid NOT NULL,
    "ChangeEventId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "Significance" integer NOT NULL,
    "Title" character varying(300) NOT NULL,
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "ReadAtUtc" timestamp with time zone,
    "EmailedAtUtc" timestamp with time zone
);


--
-- Name: ApiBudgets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ApiBudgets" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Source" character varying(60) NOT NULL,
    "Period" character varying(7) NOT NULL,
    "MaxCalls" integer,
    "MaxCostMicros" bigint
);


--
-- Name: ApiCostConfigs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ApiCostConfigs" (
    "Id" uuid NOT NULL,
    "Source" character varying(60) NOT NULL,
    "CostMicros" bigint NOT NULL,
    "Metered" boolean NOT NULL,
    "Description" character varying(300),
    "Currency" character varying(3) DEFAULT 'USD'::character varying NOT NULL
);


--
-- Name: ApiKeys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ApiKeys" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Prefix" character varying(20) NOT NULL,
    "SecretHash" character varying(64) NOT NULL,
    "CreatedByUserId" uuid,
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "RevokedAtUtc" timestamp with time zone
);


--
-- Name: ApiUsages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ApiUsages" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Source" character varying(60) NOT NULL,
    "Module" character varying(3) NOT NULL,
    "AtUtc" timestamp with time zone NOT NULL,
    "CostMicros" bigint NOT NULL,
    "CompanyId" uuid,
    "Url" character varying(500)
);


--
-- Name: AuditEntries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."AuditEntries" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "UserId" uuid,
    "Action" integer NOT NULL,
    "EntityType" character varying(100) NOT NULL,
    "EntityId" uuid NOT NULL,
    "Changes" text NOT NULL,
    "Origin" character varying(100) NOT NULL,
    "AtUtc" timestamp with time zone NOT NULL
);


--
-- Name: BudgetNotices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."BudgetNotices" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Source" character varying(60) NOT NULL,
    "Period" character varying(7) NOT NULL,
    "Threshold" integer NOT NULL,
    "CallsUsed" integer NOT NULL,
    "MaxCalls" integer,
    "CostMicrosUsed" bigint NOT NULL,
    "MaxCostMicros" bigint,
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "EmailedAtUtc" timestamp with time zone,
    "EmailRecipients" integer NOT NULL
);


--
-- Name: ChangeEvents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ChangeEvents" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "SnapshotId" uuid NOT NULL,
    "PreviousSnapshotId" uuid,
    "Module" character varying(3) NOT NULL,
    "Path" character varying(300) NOT NULL,
    "Kind" integer NOT NULL,
    "OldValue" character varying(1000),
    "NewValue" character varying(1000),
    "Significance" integer NOT NULL,
    "Rule" character varying(40) NOT NULL,
    "Technology" character varying(100),
    "DetectedAtUtc" timestamp with time zone NOT NULL
);


--
-- Name: CommitteeOverrides; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."CommitteeOverrides" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "PersonName" character varying(200) NOT NULL,
    "Role" integer NOT NULL,
    "SetBy" uuid,
    "SetAtUtc" timestamp with time zone NOT NULL
);


--
-- Name: Companies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Companies" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(300) NOT NULL,
    "Domain" character varying(253) NOT NULL,
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "SearchName" character varying(300) DEFAULT ''::character varying NOT NULL,
    "UpdatedAtUtc" timestamp with time zone DEFAULT '2000-01-01 00:00:00+00'::timestamp with time zone NOT NULL,
    "Industry" character varying(100),
    "Country" character varying(2),
    "EmployeeBand" character varying(20),
    "RevenueBand" character varying(20),
    "OwnerId" uuid,
    "Tier" integer,
    "ImportId" uuid,
    "FitScore" integer,
    "SignalScore" integer,
    "PriorityScore" integer,
    "ScoredAtUtc" timestamp with time zone
);


--
-- Name: CompanyMerges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."CompanyMerges" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "SurvivorId" uuid NOT NULL,
    "MergedId" uuid NOT NULL,
    "MergedName" character varying(300) NOT NULL,
    "MergedDomain" character varying(253) NOT NULL,
    "MergedSnapshot" text NOT NULL,
    "ByUserId" uuid,
    "AtUtc" timestamp with time zone NOT NULL
);


--
-- Name: CompanyTags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."CompanyTags" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "Tag" character varying(50) NOT NULL,
    "NormalizedTag" character varying(50) NOT NULL
);


--
-- Name: CompanyTechnologies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."CompanyTechnologies" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "TechnologyId" uuid NOT NULL,
    "Confidence" integer NOT NULL,
    "Version" character varying(40),
    "FirstSeenUtc" timestamp with time zone NOT NULL,
    "LastSeenUtc" timestamp with time zone NOT NULL,
    "Evidence" character varying(300) NOT NULL,
    "SourceUrl" character varying(1000) NOT NULL,
    "Method" character varying(40) NOT NULL
);


--
-- Name: Deals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Deals" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "Title" character varying(200) NOT NULL,
    "OwnerId" uuid NOT NULL,
    "StageId" uuid NOT NULL,
    "StageEnteredAtUtc" timestamp with time zone NOT NULL,
    "FurthestPosition" integer NOT NULL,
    "BoardRank" double precision NOT NULL,
    "AmountMinor" bigint NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "ExpectedCloseDate" timestamp with time zone NOT NULL,
    "Probability" integer NOT NULL,
    "ProbabilityOverridden" boolean NOT NULL,
    "Qualification" text NOT NULL,
    "NextStep" character varying(500),
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "ClosedAtUtc" timestamp with time zone,
    "Won" boolean,
    "CloseReason" character varying(500),
    "CycleDays" integer,
    "Version" uuid NOT NULL
);


--
-- Name: DisplacementRules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."DisplacementRules" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "OurProduct" character varying(100) NOT NULL,
    "CompetitorProduct" character varying(100) NOT NULL
);


--
-- Name: EnrichmentRuns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."EnrichmentRuns" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "BatchId" uuid,
    "RequestedBy" uuid,
    "State" integer NOT NULL,
    "QueuedAtUtc" timestamp with time zone NOT NULL,
    "StartedAtUtc" timestamp with time zone,
    "FinishedAtUtc" timestamp with time zone,
    "ModulesTotal" integer NOT NULL,
    "ModulesOk" integer NOT NULL,
    "ModulesFailed" integer NOT NULL,
    "Attempts" integer NOT NULL,
    "FailureReason" character varying(500)
);


--
-- Name: EnrichmentStatuses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."EnrichmentStatuses" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "Module" character varying(3) NOT NULL,
    "Outcome" integer NOT NULL,
    "Reason" character varying(500),
    "LastRunId" uuid,
    "LastRunAtUtc" timestamp with time zone,
    "LastGoodAtUtc" timestamp with time zone,
    "LastGoodSnapshotId" uuid
);


--
-- Name: EvidenceItems; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."EvidenceItems" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Kind" integer NOT NULL,
    "Title" character varying(200) NOT NULL,
    "Body" character varying(4000) NOT NULL,
    "Customer" character varying(100),
    "Industry" character varying(100),
    "SizeBand" character varying(20),
    "Technologies" character varying(2000) NOT NULL,
    "UseCase" character varying(100),
    "Url" character varying(500),
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "UpdatedAtUtc" timestamp with time zone NOT NULL
);


--
-- Name: IcpProfiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."IcpProfiles" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CriteriaJson" text NOT NULL,
    "FitWeightPercent" integer NOT NULL,
    "ThresholdA" integer NOT NULL,
    "ThresholdB" integer NOT NULL,
    "ThresholdC" integer NOT NULL,
    "SignalHalfLifeDays" integer NOT NULL,
    "UpdatedAtUtc" timestamp with time zone NOT NULL
);


--
-- Name: ImportChanges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ImportChanges" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "ImportId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "RowNumber" bigint NOT NULL,
    "Before" text NOT NULL
);


--
-- Name: ImportJobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."ImportJobs" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "UserId" uuid,
    "FileName" character varying(255) NOT NULL,
    "FileBytes" bigint NOT NULL,
    "Encoding" character varying(20) NOT NULL,
    "Delimiter" character(1) NOT NULL,
    "Mapping" text NOT NULL,
    "Mode" integer NOT NULL,
    "MatchFields" character varying(100) NOT NULL,
    "State" integer NOT NULL,
    "RowsRead" bigint NOT NULL,
    "Created" bigint NOT NULL,
    "Updated" bigint NOT NULL,
    "Unchanged" bigint NOT NULL,
    "Errors" bigint NOT NULL,
    "Duplicates" bigint NOT NULL,
    "BytesRead" bigint NOT NULL,
    "RowsPerSecond" double precision NOT NULL,
    "Failure" character varying(1000),
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "StartedAtUtc" timestamp with time zone,
    "FinishedAtUtc" timestamp with time zone,
    "RevertedAtUtc" timestamp with time zone
);


--
-- Name: IntelSnapshots; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."IntelSnapshots" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "Module" character varying(3) NOT NULL,
    "RunId" uuid NOT NULL,
    "CapturedAtUtc" timestamp with time zone NOT NULL,
    "CanonicalJson" text NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "FactCount" integer NOT NULL,
    "PreviousSnapshotId" uuid
);


--
-- Name: Invitations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Invitations" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Email" character varying(256) NOT NULL,
    "DisplayName" character varying(200) NOT NULL,
    "Role" character varying(50) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "InvitedByUserId" uuid,
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "ExpiresAtUtc" timestamp with time zone NOT NULL,
    "AcceptedAtUtc" timestamp with time zone,
    "RevokedAtUtc" timestamp with time zone
);


--
-- Name: InvoiceLines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."InvoiceLines" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "InvoiceId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Description" character varying(300) NOT NULL,
    "Quantity" numeric(18,4) NOT NULL,
    "UnitPrice" numeric(18,4) NOT NULL,
    "Amount" numeric(18,4) NOT NULL
);


--
-- Name: Invoices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Invoices" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Number" character varying(100) NOT NULL,
    "PeriodStartUtc" timestamp with time zone NOT NULL,
    "PeriodEndUtc" timestamp with time zone NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Total" numeric(18,4) NOT NULL,
    "Status" integer NOT NULL,
    "IssuedAtUtc" timestamp with time zone NOT NULL,
    "PaidAtUtc" timestamp with time zone,
    "PaymentReference" character varying(200)
);


--
-- Name: JobExecutions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."JobExecutions" (
    "Id" uuid NOT NULL,
    "JobName" character varying(200) NOT NULL,
    "JobGroup" character varying(200) NOT NULL,
    "FireInstanceId" character varying(200) NOT NULL,
    "TenantId" uuid,
    "StartedAtUtc" timestamp with time zone NOT NULL,
    "FinishedAtUtc" timestamp with time zone,
    "DurationMs" bigint,
    "Status" integer NOT NULL,
    "Error" character varying(4000)
);


--
-- Name: PipelineSettings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."PipelineSettings" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Framework" integer NOT NULL,
    "ReportingCurrency" character varying(3) NOT NULL
);


--
-- Name: Plans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Plans" (
    "Id" uuid NOT NULL,
    "Code" character varying(50) NOT NULL,
    "Name" character varying(100) NOT NULL,
    "MonthlyPrice" numeric(18,4) NOT NULL,
    "Currency" character varying(3) NOT NULL,
    "Seats" integer NOT NULL,
    "MonthlyEnrichmentCredits" integer NOT NULL,
    "MonthlyApiCalls" integer NOT NULL,
    "OveragePricePerCredit" numeric(18,4) NOT NULL,
    "OveragePricePerThousandApiCalls" numeric(18,4) NOT NULL,
    "IncludedModules" text NOT NULL
);


--
-- Name: Roles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Roles" (
    "Id" uuid NOT NULL,
    "Name" character varying(64) NOT NULL,
    "NormalizedName" character varying(64) NOT NULL
);


--
-- Name: RoutingCursors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."RoutingCursors" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "TeamId" uuid NOT NULL,
    "Next" integer NOT NULL
);


--
-- Name: SavedViews; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."SavedViews" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Definition" text NOT NULL,
    "IsShared" boolean NOT NULL,
    "CreatedAtUtc" timestamp with time zone NOT NULL
);


--
-- Name: SnapshotHeads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."SnapshotHeads" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "Module" character varying(3) NOT NULL,
    "SnapshotId" uuid NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "LastConfirmedAtUtc" timestamp with time zone NOT NULL,
    "Confirmations" integer NOT NULL
);


--
-- Name: SnapshotPruneRuns; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."SnapshotPruneRuns" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "RanAtUtc" timestamp with time zone NOT NULL,
    "KeepAllDays" integer NOT NULL,
    "Examined" integer NOT NULL,
    "Pruned" integer NOT NULL,
    "KeptRecent" integer NOT NULL,
    "KeptLatest" integer NOT NULL,
    "KeptReferenced" integer NOT NULL,
    "KeptWeekly" integer NOT NULL
);


--
-- Name: StageChanges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."StageChanges" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "DealId" uuid NOT NULL,
    "FromStageId" uuid,
    "ToStageId" uuid NOT NULL,
    "AtUtc" timestamp with time zone NOT NULL,
    "ByUserId" uuid
);


--
-- Name: Stages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Stages" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Position" integer NOT NULL,
    "DefaultProbability" integer NOT NULL,
    "Kind" integer NOT NULL
);


--
-- Name: Subscriptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Subscriptions" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "PlanId" uuid NOT NULL,
    "StartedAtUtc" timestamp with time zone NOT NULL,
    "EndedAtUtc" timestamp with time zone
);


--
-- Name: Teams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Teams" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "ManagerId" uuid
);


--
-- Name: Technologies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Technologies" (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Category" character varying(60) NOT NULL,
    "Vendor" character varying(100),
    "Website" character varying(300)
);


--
-- Name: Tenants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Tenants" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Slug" character varying(64) NOT NULL,
    "Status" integer NOT NULL,
    "TimeZone" character varying(64) NOT NULL,
    "CreatedAtUtc" timestamp with time zone NOT NULL
);


--
-- Name: Territories; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Territories" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "TeamId" uuid,
    "Countries" text NOT NULL,
    "Industries" text NOT NULL,
    "EmployeeBands" text NOT NULL
);


--
-- Name: TierChanges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."TierChanges" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "CompanyId" uuid NOT NULL,
    "OldTier" integer,
    "NewTier" integer NOT NULL,
    "Fit" integer NOT NULL,
    "Signal" integer NOT NULL,
    "Priority" integer NOT NULL,
    "Reason" character varying(500) NOT NULL,
    "AtUtc" timestamp with time zone NOT NULL
);


--
-- Name: TitleRules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."TitleRules" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Position" integer NOT NULL,
    "Role" integer NOT NULL,
    "Keywords" character varying(500) NOT NULL
);


--
-- Name: TrafficRanks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."TrafficRanks" (
    "Domain" character varying(253) NOT NULL,
    "Rank" integer NOT NULL,
    "ListName" character varying(60) NOT NULL,
    "ImportedAtUtc" timestamp with time zone NOT NULL
);


--
-- Name: UsageRecords; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."UsageRecords" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Kind" integer NOT NULL,
    "Quantity" integer NOT NULL,
    "Source" character varying(100) NOT NULL,
    "AtUtc" timestamp with time zone NOT NULL
);


--
-- Name: UserRoles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."UserRoles" (
    "UserId" uuid NOT NULL,
    "RoleId" uuid NOT NULL
);


--
-- Name: Users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Users" (
    "Id" uuid NOT NULL,
    "TenantId" uuid NOT NULL,
    "Email" character varying(256) NOT NULL,
    "NormalizedEmail" character varying(256) NOT NULL,
    "DisplayName" character varying(200) NOT NULL,
    "PasswordHash" character varying(512),
    "SecurityStamp" character varying(64) NOT NULL,
    "LockoutEndUtc" timestamp with time zone,
    "LockoutEnabled" boolean NOT NULL,
    "AccessFailedCount" integer NOT NULL,
    "IsActive" boolean NOT NULL,
    "TimeZone" character varying(64) NOT NULL,
    "TeamId" uuid,
    "CreatedAtUtc" timestamp with time zone NOT NULL,
    "Theme" character varying(8)
);


--
-- Name: __EFMigrationsHistory; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL
);


--
-- Data for Name: AccountAssignments; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: AlertDigests; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: AlertPreferences; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: AlertRules; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Alerts; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ApiBudgets; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ApiCostConfigs; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ApiKeys; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ApiUsages; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: AuditEntries; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: BudgetNotices; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ChangeEvents; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: CommitteeOverrides; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Companies; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: CompanyMerges; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: CompanyTags; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: CompanyTechnologies; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Deals; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: DisplacementRules; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: EnrichmentRuns; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: EnrichmentStatuses; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: EvidenceItems; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: IcpProfiles; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ImportChanges; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: ImportJobs; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: IntelSnapshots; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Invitations; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: InvoiceLines; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Invoices; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: JobExecutions; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: PipelineSettings; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Plans; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Roles; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: RoutingCursors; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: SavedViews; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: SnapshotHeads; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: SnapshotPruneRuns; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: StageChanges; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Stages; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Subscriptions; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Teams; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Technologies; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Tenants; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Territories; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: TierChanges; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: TitleRules; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: TrafficRanks; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: UsageRecords; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: UserRoles; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: Users; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: __EFMigrationsHistory; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122000000_Initial', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122010000_AuditEntries', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122020000_AccountsInFull', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122021000_CsvImports', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122030000_Enrichment', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122040000_Pipeline', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122050000_Administration', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122060000_ChangesAndAlerts', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122070000_Playbook', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122075000_ScoringAndRouting', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122080000_AlertSettingsAndRetention', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261122090000_EnrichmentBudgetNotices', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261204000000_OneActiveRunPerAccount', '10.0.14');
INSERT INTO public."__EFMigrationsHistory" VALUES ('20261204090000_UserTheme', '10.0.14');


--
-- Name: AccountAssignments PK_AccountAssignments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AccountAssignments"
    ADD CONSTRAINT "PK_AccountAssignments" PRIMARY KEY ("Id");


--
-- Name: AlertDigests PK_AlertDigests; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertDigests"
    ADD CONSTRAINT "PK_AlertDigests" PRIMARY KEY ("Id");


--
-- Name: AlertPreferences PK_AlertPreferences; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertPreferences"
    ADD CONSTRAINT "PK_AlertPreferences" PRIMARY KEY ("Id");


--
-- Name: AlertRules PK_AlertRules; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertRules"
    ADD CONSTRAINT "PK_AlertRules" PRIMARY KEY ("Id");


--
-- Name: Alerts PK_Alerts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Alerts"
    ADD CONSTRAINT "PK_Alerts" PRIMARY KEY ("Id");


--
-- Name: ApiBudgets PK_ApiBudgets; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ApiBudgets"
    ADD CONSTRAINT "PK_ApiBudgets" PRIMARY KEY ("Id");


--
-- Name: ApiCostConfigs PK_ApiCostConfigs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ApiCostConfigs"
    ADD CONSTRAINT "PK_ApiCostConfigs" PRIMARY KEY ("Id");


--
-- Name: ApiKeys PK_ApiKeys; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ApiKeys"
    ADD CONSTRAINT "PK_ApiKeys" PRIMARY KEY ("Id");


--
-- Name: ApiUsages PK_ApiUsages; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ApiUsages"
    ADD CONSTRAINT "PK_ApiUsages" PRIMARY KEY ("Id");


--
-- Name: AuditEntries PK_AuditEntries; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AuditEntries"
    ADD CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Id");


--
-- Name: BudgetNotices PK_BudgetNotices; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."BudgetNotices"
    ADD CONSTRAINT "PK_BudgetNotices" PRIMARY KEY ("Id");


--
-- Name: ChangeEvents PK_ChangeEvents; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ChangeEvents"
    ADD CONSTRAINT "PK_ChangeEvents" PRIMARY KEY ("Id");


--
-- Name: CommitteeOverrides PK_CommitteeOverrides; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CommitteeOverrides"
    ADD CONSTRAINT "PK_CommitteeOverrides" PRIMARY KEY ("Id");


--
-- Name: Companies PK_Companies; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Companies"
    ADD CONSTRAINT "PK_Companies" PRIMARY KEY ("Id");


--
-- Name: CompanyMerges PK_CompanyMerges; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyMerges"
    ADD CONSTRAINT "PK_CompanyMerges" PRIMARY KEY ("Id");


--
-- Name: CompanyTags PK_CompanyTags; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyTags"
    ADD CONSTRAINT "PK_CompanyTags" PRIMARY KEY ("Id");


--
-- Name: CompanyTechnologies PK_CompanyTechnologies; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyTechnologies"
    ADD CONSTRAINT "PK_CompanyTechnologies" PRIMARY KEY ("Id");


--
-- Name: Deals PK_Deals; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Deals"
    ADD CONSTRAINT "PK_Deals" PRIMARY KEY ("Id");


--
-- Name: DisplacementRules PK_DisplacementRules; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."DisplacementRules"
    ADD CONSTRAINT "PK_DisplacementRules" PRIMARY KEY ("Id");


--
-- Name: EnrichmentRuns PK_EnrichmentRuns; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EnrichmentRuns"
    ADD CONSTRAINT "PK_EnrichmentRuns" PRIMARY KEY ("Id");


--
-- Name: EnrichmentStatuses PK_EnrichmentStatuses; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EnrichmentStatuses"
    ADD CONSTRAINT "PK_EnrichmentStatuses" PRIMARY KEY ("Id");


--
-- Name: EvidenceItems PK_EvidenceItems; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EvidenceItems"
    ADD CONSTRAINT "PK_EvidenceItems" PRIMARY KEY ("Id");


--
-- Name: IcpProfiles PK_IcpProfiles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."IcpProfiles"
    ADD CONSTRAINT "PK_IcpProfiles" PRIMARY KEY ("Id");


--
-- Name: ImportChanges PK_ImportChanges; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ImportChanges"
    ADD CONSTRAINT "PK_ImportChanges" PRIMARY KEY ("Id");


--
-- Name: ImportJobs PK_ImportJobs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ImportJobs"
    ADD CONSTRAINT "PK_ImportJobs" PRIMARY KEY ("Id");


--
-- Name: IntelSnapshots PK_IntelSnapshots; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."IntelSnapshots"
    ADD CONSTRAINT "PK_IntelSnapshots" PRIMARY KEY ("Id");


--
-- Name: Invitations PK_Invitations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Invitations"
    ADD CONSTRAINT "PK_Invitations" PRIMARY KEY ("Id");


--
-- Name: InvoiceLines PK_InvoiceLines; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."InvoiceLines"
    ADD CONSTRAINT "PK_InvoiceLines" PRIMARY KEY ("Id");


--
-- Name: Invoices PK_Invoices; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Invoices"
    ADD CONSTRAINT "PK_Invoices" PRIMARY KEY ("Id");


--
-- Name: JobExecutions PK_JobExecutions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."JobExecutions"
    ADD CONSTRAINT "PK_JobExecutions" PRIMARY KEY ("Id");


--
-- Name: PipelineSettings PK_PipelineSettings; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."PipelineSettings"
    ADD CONSTRAINT "PK_PipelineSettings" PRIMARY KEY ("Id");


--
-- Name: Plans PK_Plans; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Plans"
    ADD CONSTRAINT "PK_Plans" PRIMARY KEY ("Id");


--
-- Name: Roles PK_Roles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Roles"
    ADD CONSTRAINT "PK_Roles" PRIMARY KEY ("Id");


--
-- Name: RoutingCursors PK_RoutingCursors; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."RoutingCursors"
    ADD CONSTRAINT "PK_RoutingCursors" PRIMARY KEY ("Id");


--
-- Name: SavedViews PK_SavedViews; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SavedViews"
    ADD CONSTRAINT "PK_SavedViews" PRIMARY KEY ("Id");


--
-- Name: SnapshotHeads PK_SnapshotHeads; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SnapshotHeads"
    ADD CONSTRAINT "PK_SnapshotHeads" PRIMARY KEY ("Id");


--
-- Name: SnapshotPruneRuns PK_SnapshotPruneRuns; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SnapshotPruneRuns"
    ADD CONSTRAINT "PK_SnapshotPruneRuns" PRIMARY KEY ("Id");


--
-- Name: StageChanges PK_StageChanges; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."StageChanges"
    ADD CONSTRAINT "PK_StageChanges" PRIMARY KEY ("Id");


--
-- Name: Stages PK_Stages; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Stages"
    ADD CONSTRAINT "PK_Stages" PRIMARY KEY ("Id");


--
-- Name: Subscriptions PK_Subscriptions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Subscriptions"
    ADD CONSTRAINT "PK_Subscriptions" PRIMARY KEY ("Id");


--
-- Name: Teams PK_Teams; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Teams"
    ADD CONSTRAINT "PK_Teams" PRIMARY KEY ("Id");


--
-- Name: Technologies PK_Technologies; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Technologies"
    ADD CONSTRAINT "PK_Technologies" PRIMARY KEY ("Id");


--
-- Name: Tenants PK_Tenants; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Tenants"
    ADD CONSTRAINT "PK_Tenants" PRIMARY KEY ("Id");


--
-- Name: Territories PK_Territories; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Territories"
    ADD CONSTRAINT "PK_Territories" PRIMARY KEY ("Id");


--
-- Name: TierChanges PK_TierChanges; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TierChanges"
    ADD CONSTRAINT "PK_TierChanges" PRIMARY KEY ("Id");


--
-- Name: TitleRules PK_TitleRules; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TitleRules"
    ADD CONSTRAINT "PK_TitleRules" PRIMARY KEY ("Id");


--
-- Name: TrafficRanks PK_TrafficRanks; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TrafficRanks"
    ADD CONSTRAINT "PK_TrafficRanks" PRIMARY KEY ("Domain");


--
-- Name: UsageRecords PK_UsageRecords; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."UsageRecords"
    ADD CONSTRAINT "PK_UsageRecords" PRIMARY KEY ("Id");


--
-- Name: UserRoles PK_UserRoles; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."UserRoles"
    ADD CONSTRAINT "PK_UserRoles" PRIMARY KEY ("UserId", "RoleId");


--
-- Name: Users PK_Users; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Users"
    ADD CONSTRAINT "PK_Users" PRIMARY KEY ("Id");


--
-- Name: __EFMigrationsHistory PK___EFMigrationsHistory; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."__EFMigrationsHistory"
    ADD CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId");


--
-- Name: IX_AccountAssignments_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AccountAssignments_CompanyId" ON public."AccountAssignments" USING btree ("CompanyId");


--
-- Name: IX_AccountAssignments_TenantId_CompanyId_AtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AccountAssignments_TenantId_CompanyId_AtUtc" ON public."AccountAssignments" USING btree ("TenantId", "CompanyId", "AtUtc");


--
-- Name: IX_AlertDigests_TenantId_SentAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AlertDigests_TenantId_SentAtUtc" ON public."AlertDigests" USING btree ("TenantId", "SentAtUtc");


--
-- Name: IX_AlertDigests_TenantId_UserId_PeriodKey; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_AlertDigests_TenantId_UserId_PeriodKey" ON public."AlertDigests" USING btree ("TenantId", "UserId", "PeriodKey");


--
-- Name: IX_AlertDigests_UserId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AlertDigests_UserId" ON public."AlertDigests" USING btree ("UserId");


--
-- Name: IX_AlertPreferences_TenantId_UserId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_AlertPreferences_TenantId_UserId" ON public."AlertPreferences" USING btree ("TenantId", "UserId");


--
-- Name: IX_AlertPreferences_UserId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AlertPreferences_UserId" ON public."AlertPreferences" USING btree ("UserId");


--
-- Name: IX_AlertRules_TenantId_TeamId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AlertRules_TenantId_TeamId" ON public."AlertRules" USING btree ("TenantId", "TeamId");


--
-- Name: IX_AlertRules_TenantId_UserId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AlertRules_TenantId_UserId" ON public."AlertRules" USING btree ("TenantId", "UserId");


--
-- Name: IX_Alerts_ChangeEventId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Alerts_ChangeEventId" ON public."Alerts" USING btree ("ChangeEventId");


--
-- Name: IX_Alerts_TenantId_UserId_ChangeEventId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Alerts_TenantId_UserId_ChangeEventId" ON public."Alerts" USING btree ("TenantId", "UserId", "ChangeEventId");


--
-- Name: IX_Alerts_TenantId_UserId_CreatedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Alerts_TenantId_UserId_CreatedAtUtc" ON public."Alerts" USING btree ("TenantId", "UserId", "CreatedAtUtc");


--
-- Name: IX_Alerts_TenantId_UserId_ReadAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Alerts_TenantId_UserId_ReadAtUtc" ON public."Alerts" USING btree ("TenantId", "UserId", "ReadAtUtc");


--
-- Name: IX_Alerts_UserId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Alerts_UserId" ON public."Alerts" USING btree ("UserId");


--
-- Name: IX_ApiBudgets_TenantId_Source_Period; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_ApiBudgets_TenantId_Source_Period" ON public."ApiBudgets" USING btree ("TenantId", "Source", "Period");


--
-- Name: IX_ApiCostConfigs_Source; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_ApiCostConfigs_Source" ON public."ApiCostConfigs" USING btree ("Source");


--
-- Name: IX_ApiKeys_SecretHash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_ApiKeys_SecretHash" ON public."ApiKeys" USING btree ("SecretHash");


--
-- Name: IX_ApiKeys_TenantId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ApiKeys_TenantId" ON public."ApiKeys" USING btree ("TenantId");


--
-- Name: IX_ApiUsages_TenantId_Source_AtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ApiUsages_TenantId_Source_AtUtc" ON public."ApiUsages" USING btree ("TenantId", "Source", "AtUtc");


--
-- Name: IX_AuditEntries_TenantId_AtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AuditEntries_TenantId_AtUtc" ON public."AuditEntries" USING btree ("TenantId", "AtUtc");


--
-- Name: IX_AuditEntries_TenantId_EntityType_EntityId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_AuditEntries_TenantId_EntityType_EntityId" ON public."AuditEntries" USING btree ("TenantId", "EntityType", "EntityId");


--
-- Name: IX_BudgetNotices_TenantId_Source_Period_Threshold; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_BudgetNotices_TenantId_Source_Period_Threshold" ON public."BudgetNotices" USING btree ("TenantId", "Source", "Period", "Threshold");


--
-- Name: IX_ChangeEvents_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ChangeEvents_CompanyId" ON public."ChangeEvents" USING btree ("CompanyId");


--
-- Name: IX_ChangeEvents_TenantId_CompanyId_DetectedAtUtc_Id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ChangeEvents_TenantId_CompanyId_DetectedAtUtc_Id" ON public."ChangeEvents" USING btree ("TenantId", "CompanyId", "DetectedAtUtc", "Id");


--
-- Name: IX_ChangeEvents_TenantId_DetectedAtUtc_Id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ChangeEvents_TenantId_DetectedAtUtc_Id" ON public."ChangeEvents" USING btree ("TenantId", "DetectedAtUtc", "Id");


--
-- Name: IX_CommitteeOverrides_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CommitteeOverrides_CompanyId" ON public."CommitteeOverrides" USING btree ("CompanyId");


--
-- Name: IX_CommitteeOverrides_TenantId_CompanyId_PersonName; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_CommitteeOverrides_TenantId_CompanyId_PersonName" ON public."CommitteeOverrides" USING btree ("TenantId", "CompanyId", "PersonName");


--
-- Name: IX_Companies_ImportId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_ImportId" ON public."Companies" USING btree ("ImportId");


--
-- Name: IX_Companies_TenantId_Country_SearchName; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_Country_SearchName" ON public."Companies" USING btree ("TenantId", "Country", "SearchName");


--
-- Name: IX_Companies_TenantId_CreatedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_CreatedAtUtc" ON public."Companies" USING btree ("TenantId", "CreatedAtUtc");


--
-- Name: IX_Companies_TenantId_Domain; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Companies_TenantId_Domain" ON public."Companies" USING btree ("TenantId", "Domain");


--
-- Name: IX_Companies_TenantId_FitScore_Id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_FitScore_Id" ON public."Companies" USING btree ("TenantId", "FitScore", "Id");


--
-- Name: IX_Companies_TenantId_Industry_SearchName; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_Industry_SearchName" ON public."Companies" USING btree ("TenantId", "Industry", "SearchName");


--
-- Name: IX_Companies_TenantId_OwnerId_SearchName; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_OwnerId_SearchName" ON public."Companies" USING btree ("TenantId", "OwnerId", "SearchName");


--
-- Name: IX_Companies_TenantId_PriorityScore_Id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_PriorityScore_Id" ON public."Companies" USING btree ("TenantId", "PriorityScore", "Id");


--
-- Name: IX_Companies_TenantId_SearchName; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_SearchName" ON public."Companies" USING btree ("TenantId", "SearchName");


--
-- Name: IX_Companies_TenantId_SignalScore_Id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_SignalScore_Id" ON public."Companies" USING btree ("TenantId", "SignalScore", "Id");


--
-- Name: IX_Companies_TenantId_Tier_SearchName; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_Tier_SearchName" ON public."Companies" USING btree ("TenantId", "Tier", "SearchName");


--
-- Name: IX_Companies_TenantId_UpdatedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Companies_TenantId_UpdatedAtUtc" ON public."Companies" USING btree ("TenantId", "UpdatedAtUtc");


--
-- Name: IX_CompanyMerges_TenantId_SurvivorId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CompanyMerges_TenantId_SurvivorId" ON public."CompanyMerges" USING btree ("TenantId", "SurvivorId");


--
-- Name: IX_CompanyTags_CompanyId_NormalizedTag; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_CompanyTags_CompanyId_NormalizedTag" ON public."CompanyTags" USING btree ("CompanyId", "NormalizedTag");


--
-- Name: IX_CompanyTags_TenantId_NormalizedTag; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CompanyTags_TenantId_NormalizedTag" ON public."CompanyTags" USING btree ("TenantId", "NormalizedTag");


--
-- Name: IX_CompanyTechnologies_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CompanyTechnologies_CompanyId" ON public."CompanyTechnologies" USING btree ("CompanyId");


--
-- Name: IX_CompanyTechnologies_TechnologyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CompanyTechnologies_TechnologyId" ON public."CompanyTechnologies" USING btree ("TechnologyId");


--
-- Name: IX_CompanyTechnologies_TenantId_CompanyId_TechnologyId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_CompanyTechnologies_TenantId_CompanyId_TechnologyId" ON public."CompanyTechnologies" USING btree ("TenantId", "CompanyId", "TechnologyId");


--
-- Name: IX_CompanyTechnologies_TenantId_TechnologyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_CompanyTechnologies_TenantId_TechnologyId" ON public."CompanyTechnologies" USING btree ("TenantId", "TechnologyId");


--
-- Name: IX_Deals_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Deals_CompanyId" ON public."Deals" USING btree ("CompanyId");


--
-- Name: IX_Deals_OwnerId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Deals_OwnerId" ON public."Deals" USING btree ("OwnerId");


--
-- Name: IX_Deals_StageId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Deals_StageId" ON public."Deals" USING btree ("StageId");


--
-- Name: IX_Deals_TenantId_ClosedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Deals_TenantId_ClosedAtUtc" ON public."Deals" USING btree ("TenantId", "ClosedAtUtc");


--
-- Name: IX_Deals_TenantId_CreatedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Deals_TenantId_CreatedAtUtc" ON public."Deals" USING btree ("TenantId", "CreatedAtUtc");


--
-- Name: IX_Deals_TenantId_ExpectedCloseDate; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Deals_TenantId_ExpectedCloseDate" ON public."Deals" USING btree ("TenantId", "ExpectedCloseDate");


--
-- Name: IX_Deals_TenantId_StageId_BoardRank; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Deals_TenantId_StageId_BoardRank" ON public."Deals" USING btree ("TenantId", "StageId", "BoardRank");


--
-- Name: IX_DisplacementRules_TenantId_CompetitorProduct_OurProduct; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_DisplacementRules_TenantId_CompetitorProduct_OurProduct" ON public."DisplacementRules" USING btree ("TenantId", "CompetitorProduct", "OurProduct");


--
-- Name: IX_EnrichmentRuns_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_EnrichmentRuns_CompanyId" ON public."EnrichmentRuns" USING btree ("CompanyId");


--
-- Name: IX_EnrichmentRuns_OneActivePerAccount; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_EnrichmentRuns_OneActivePerAccount" ON public."EnrichmentRuns" USING btree ("TenantId", "CompanyId") WHERE ("State" = ANY (ARRAY[0, 1]));


--
-- Name: IX_EnrichmentRuns_TenantId_BatchId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_EnrichmentRuns_TenantId_BatchId" ON public."EnrichmentRuns" USING btree ("TenantId", "BatchId");


--
-- Name: IX_EnrichmentRuns_TenantId_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_EnrichmentRuns_TenantId_CompanyId" ON public."EnrichmentRuns" USING btree ("TenantId", "CompanyId");


--
-- Name: IX_EnrichmentRuns_TenantId_QueuedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_EnrichmentRuns_TenantId_QueuedAtUtc" ON public."EnrichmentRuns" USING btree ("TenantId", "QueuedAtUtc");


--
-- Name: IX_EnrichmentStatuses_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_EnrichmentStatuses_CompanyId" ON public."EnrichmentStatuses" USING btree ("CompanyId");


--
-- Name: IX_EnrichmentStatuses_TenantId_CompanyId_Module; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_EnrichmentStatuses_TenantId_CompanyId_Module" ON public."EnrichmentStatuses" USING btree ("TenantId", "CompanyId", "Module");


--
-- Name: IX_EvidenceItems_TenantId_Title; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_EvidenceItems_TenantId_Title" ON public."EvidenceItems" USING btree ("TenantId", "Title");


--
-- Name: IX_IcpProfiles_TenantId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_IcpProfiles_TenantId" ON public."IcpProfiles" USING btree ("TenantId");


--
-- Name: IX_ImportChanges_ImportId_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ImportChanges_ImportId_CompanyId" ON public."ImportChanges" USING btree ("ImportId", "CompanyId");


--
-- Name: IX_ImportChanges_ImportId_RowNumber; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ImportChanges_ImportId_RowNumber" ON public."ImportChanges" USING btree ("ImportId", "RowNumber");


--
-- Name: IX_ImportChanges_TenantId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ImportChanges_TenantId" ON public."ImportChanges" USING btree ("TenantId");


--
-- Name: IX_ImportJobs_TenantId_CreatedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_ImportJobs_TenantId_CreatedAtUtc" ON public."ImportJobs" USING btree ("TenantId", "CreatedAtUtc");


--
-- Name: IX_IntelSnapshots_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_IntelSnapshots_CompanyId" ON public."IntelSnapshots" USING btree ("CompanyId");


--
-- Name: IX_IntelSnapshots_TenantId_CompanyId_Module_CapturedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_IntelSnapshots_TenantId_CompanyId_Module_CapturedAtUtc" ON public."IntelSnapshots" USING btree ("TenantId", "CompanyId", "Module", "CapturedAtUtc");


--
-- Name: IX_Invitations_TenantId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Invitations_TenantId" ON public."Invitations" USING btree ("TenantId");


--
-- Name: IX_Invitations_TokenHash; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Invitations_TokenHash" ON public."Invitations" USING btree ("TokenHash");


--
-- Name: IX_InvoiceLines_InvoiceId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_InvoiceLines_InvoiceId" ON public."InvoiceLines" USING btree ("InvoiceId");


--
-- Name: IX_InvoiceLines_TenantId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_InvoiceLines_TenantId" ON public."InvoiceLines" USING btree ("TenantId");


--
-- Name: IX_Invoices_Number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Invoices_Number" ON public."Invoices" USING btree ("Number");


--
-- Name: IX_Invoices_TenantId_PeriodStartUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Invoices_TenantId_PeriodStartUtc" ON public."Invoices" USING btree ("TenantId", "PeriodStartUtc");


--
-- Name: IX_JobExecutions_FireInstanceId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_JobExecutions_FireInstanceId" ON public."JobExecutions" USING btree ("FireInstanceId");


--
-- Name: IX_JobExecutions_StartedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_JobExecutions_StartedAtUtc" ON public."JobExecutions" USING btree ("StartedAtUtc");


--
-- Name: IX_PipelineSettings_TenantId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_PipelineSettings_TenantId" ON public."PipelineSettings" USING btree ("TenantId");


--
-- Name: IX_Plans_Code; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Plans_Code" ON public."Plans" USING btree ("Code");


--
-- Name: IX_Roles_NormalizedName; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Roles_NormalizedName" ON public."Roles" USING btree ("NormalizedName");


--
-- Name: IX_RoutingCursors_TeamId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_RoutingCursors_TeamId" ON public."RoutingCursors" USING btree ("TeamId");


--
-- Name: IX_RoutingCursors_TenantId_TeamId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_RoutingCursors_TenantId_TeamId" ON public."RoutingCursors" USING btree ("TenantId", "TeamId");


--
-- Name: IX_SavedViews_OwnerId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_SavedViews_OwnerId" ON public."SavedViews" USING btree ("OwnerId");


--
-- Name: IX_SavedViews_TenantId_OwnerId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_SavedViews_TenantId_OwnerId" ON public."SavedViews" USING btree ("TenantId", "OwnerId");


--
-- Name: IX_SnapshotHeads_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_SnapshotHeads_CompanyId" ON public."SnapshotHeads" USING btree ("CompanyId");


--
-- Name: IX_SnapshotHeads_TenantId_CompanyId_Module; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_SnapshotHeads_TenantId_CompanyId_Module" ON public."SnapshotHeads" USING btree ("TenantId", "CompanyId", "Module");


--
-- Name: IX_SnapshotPruneRuns_TenantId_RanAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_SnapshotPruneRuns_TenantId_RanAtUtc" ON public."SnapshotPruneRuns" USING btree ("TenantId", "RanAtUtc");


--
-- Name: IX_StageChanges_DealId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_StageChanges_DealId" ON public."StageChanges" USING btree ("DealId");


--
-- Name: IX_StageChanges_TenantId_AtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_StageChanges_TenantId_AtUtc" ON public."StageChanges" USING btree ("TenantId", "AtUtc");


--
-- Name: IX_StageChanges_ToStageId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_StageChanges_ToStageId" ON public."StageChanges" USING btree ("ToStageId");


--
-- Name: IX_Stages_TenantId_Position; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Stages_TenantId_Position" ON public."Stages" USING btree ("TenantId", "Position");


--
-- Name: IX_Subscriptions_PlanId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Subscriptions_PlanId" ON public."Subscriptions" USING btree ("PlanId");


--
-- Name: IX_Subscriptions_TenantId_StartedAtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Subscriptions_TenantId_StartedAtUtc" ON public."Subscriptions" USING btree ("TenantId", "StartedAtUtc");


--
-- Name: IX_Teams_TenantId_Name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Teams_TenantId_Name" ON public."Teams" USING btree ("TenantId", "Name");


--
-- Name: IX_Technologies_Name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Technologies_Name" ON public."Technologies" USING btree ("Name");


--
-- Name: IX_Tenants_Slug; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Tenants_Slug" ON public."Tenants" USING btree ("Slug");


--
-- Name: IX_Territories_TeamId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Territories_TeamId" ON public."Territories" USING btree ("TeamId");


--
-- Name: IX_Territories_TenantId_Name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Territories_TenantId_Name" ON public."Territories" USING btree ("TenantId", "Name");


--
-- Name: IX_TierChanges_CompanyId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_TierChanges_CompanyId" ON public."TierChanges" USING btree ("CompanyId");


--
-- Name: IX_TierChanges_TenantId_CompanyId_AtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_TierChanges_TenantId_CompanyId_AtUtc" ON public."TierChanges" USING btree ("TenantId", "CompanyId", "AtUtc");


--
-- Name: IX_TitleRules_TenantId_Position; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_TitleRules_TenantId_Position" ON public."TitleRules" USING btree ("TenantId", "Position");


--
-- Name: IX_UsageRecords_TenantId_Kind_AtUtc; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_UsageRecords_TenantId_Kind_AtUtc" ON public."UsageRecords" USING btree ("TenantId", "Kind", "AtUtc");


--
-- Name: IX_UserRoles_RoleId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_UserRoles_RoleId" ON public."UserRoles" USING btree ("RoleId");


--
-- Name: IX_Users_NormalizedEmail; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "IX_Users_NormalizedEmail" ON public."Users" USING btree ("NormalizedEmail");


--
-- Name: IX_Users_TeamId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Users_TeamId" ON public."Users" USING btree ("TeamId");


--
-- Name: IX_Users_TenantId; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "IX_Users_TenantId" ON public."Users" USING btree ("TenantId");


--
-- Name: AccountAssignments FK_AccountAssignments_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AccountAssignments"
    ADD CONSTRAINT "FK_AccountAssignments_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: AccountAssignments FK_AccountAssignments_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AccountAssignments"
    ADD CONSTRAINT "FK_AccountAssignments_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: AlertDigests FK_AlertDigests_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertDigests"
    ADD CONSTRAINT "FK_AlertDigests_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: AlertDigests FK_AlertDigests_Users_UserId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertDigests"
    ADD CONSTRAINT "FK_AlertDigests_Users_UserId" FOREIGN KEY ("UserId") REFERENCES public."Users"("Id") ON DELETE CASCADE;


--
-- Name: AlertPreferences FK_AlertPreferences_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertPreferences"
    ADD CONSTRAINT "FK_AlertPreferences_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: AlertPreferences FK_AlertPreferences_Users_UserId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertPreferences"
    ADD CONSTRAINT "FK_AlertPreferences_Users_UserId" FOREIGN KEY ("UserId") REFERENCES public."Users"("Id") ON DELETE CASCADE;


--
-- Name: AlertRules FK_AlertRules_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AlertRules"
    ADD CONSTRAINT "FK_AlertRules_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Alerts FK_Alerts_ChangeEvents_ChangeEventId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Alerts"
    ADD CONSTRAINT "FK_Alerts_ChangeEvents_ChangeEventId" FOREIGN KEY ("ChangeEventId") REFERENCES public."ChangeEvents"("Id") ON DELETE CASCADE;


--
-- Name: Alerts FK_Alerts_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Alerts"
    ADD CONSTRAINT "FK_Alerts_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Alerts FK_Alerts_Users_UserId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Alerts"
    ADD CONSTRAINT "FK_Alerts_Users_UserId" FOREIGN KEY ("UserId") REFERENCES public."Users"("Id") ON DELETE CASCADE;


--
-- Name: ApiBudgets FK_ApiBudgets_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ApiBudgets"
    ADD CONSTRAINT "FK_ApiBudgets_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: ApiKeys FK_ApiKeys_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ApiKeys"
    ADD CONSTRAINT "FK_ApiKeys_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: ApiUsages FK_ApiUsages_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ApiUsages"
    ADD CONSTRAINT "FK_ApiUsages_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: AuditEntries FK_AuditEntries_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."AuditEntries"
    ADD CONSTRAINT "FK_AuditEntries_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: BudgetNotices FK_BudgetNotices_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."BudgetNotices"
    ADD CONSTRAINT "FK_BudgetNotices_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: ChangeEvents FK_ChangeEvents_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ChangeEvents"
    ADD CONSTRAINT "FK_ChangeEvents_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: ChangeEvents FK_ChangeEvents_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ChangeEvents"
    ADD CONSTRAINT "FK_ChangeEvents_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: CommitteeOverrides FK_CommitteeOverrides_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CommitteeOverrides"
    ADD CONSTRAINT "FK_CommitteeOverrides_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: CommitteeOverrides FK_CommitteeOverrides_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CommitteeOverrides"
    ADD CONSTRAINT "FK_CommitteeOverrides_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Companies FK_Companies_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Companies"
    ADD CONSTRAINT "FK_Companies_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: CompanyMerges FK_CompanyMerges_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyMerges"
    ADD CONSTRAINT "FK_CompanyMerges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: CompanyTags FK_CompanyTags_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyTags"
    ADD CONSTRAINT "FK_CompanyTags_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: CompanyTags FK_CompanyTags_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyTags"
    ADD CONSTRAINT "FK_CompanyTags_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: CompanyTechnologies FK_CompanyTechnologies_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyTechnologies"
    ADD CONSTRAINT "FK_CompanyTechnologies_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: CompanyTechnologies FK_CompanyTechnologies_Technologies_TechnologyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyTechnologies"
    ADD CONSTRAINT "FK_CompanyTechnologies_Technologies_TechnologyId" FOREIGN KEY ("TechnologyId") REFERENCES public."Technologies"("Id") ON DELETE RESTRICT;


--
-- Name: CompanyTechnologies FK_CompanyTechnologies_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."CompanyTechnologies"
    ADD CONSTRAINT "FK_CompanyTechnologies_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Deals FK_Deals_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Deals"
    ADD CONSTRAINT "FK_Deals_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE RESTRICT;


--
-- Name: Deals FK_Deals_Stages_StageId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Deals"
    ADD CONSTRAINT "FK_Deals_Stages_StageId" FOREIGN KEY ("StageId") REFERENCES public."Stages"("Id") ON DELETE RESTRICT;


--
-- Name: Deals FK_Deals_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Deals"
    ADD CONSTRAINT "FK_Deals_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Deals FK_Deals_Users_OwnerId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Deals"
    ADD CONSTRAINT "FK_Deals_Users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES public."Users"("Id") ON DELETE RESTRICT;


--
-- Name: DisplacementRules FK_DisplacementRules_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."DisplacementRules"
    ADD CONSTRAINT "FK_DisplacementRules_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: EnrichmentRuns FK_EnrichmentRuns_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EnrichmentRuns"
    ADD CONSTRAINT "FK_EnrichmentRuns_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: EnrichmentRuns FK_EnrichmentRuns_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EnrichmentRuns"
    ADD CONSTRAINT "FK_EnrichmentRuns_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: EnrichmentStatuses FK_EnrichmentStatuses_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EnrichmentStatuses"
    ADD CONSTRAINT "FK_EnrichmentStatuses_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: EnrichmentStatuses FK_EnrichmentStatuses_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EnrichmentStatuses"
    ADD CONSTRAINT "FK_EnrichmentStatuses_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: EvidenceItems FK_EvidenceItems_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."EvidenceItems"
    ADD CONSTRAINT "FK_EvidenceItems_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: IcpProfiles FK_IcpProfiles_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."IcpProfiles"
    ADD CONSTRAINT "FK_IcpProfiles_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: ImportChanges FK_ImportChanges_ImportJobs_ImportId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ImportChanges"
    ADD CONSTRAINT "FK_ImportChanges_ImportJobs_ImportId" FOREIGN KEY ("ImportId") REFERENCES public."ImportJobs"("Id") ON DELETE CASCADE;


--
-- Name: ImportChanges FK_ImportChanges_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ImportChanges"
    ADD CONSTRAINT "FK_ImportChanges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: ImportJobs FK_ImportJobs_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."ImportJobs"
    ADD CONSTRAINT "FK_ImportJobs_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: IntelSnapshots FK_IntelSnapshots_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."IntelSnapshots"
    ADD CONSTRAINT "FK_IntelSnapshots_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: IntelSnapshots FK_IntelSnapshots_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."IntelSnapshots"
    ADD CONSTRAINT "FK_IntelSnapshots_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Invitations FK_Invitations_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Invitations"
    ADD CONSTRAINT "FK_Invitations_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: InvoiceLines FK_InvoiceLines_Invoices_InvoiceId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."InvoiceLines"
    ADD CONSTRAINT "FK_InvoiceLines_Invoices_InvoiceId" FOREIGN KEY ("InvoiceId") REFERENCES public."Invoices"("Id") ON DELETE CASCADE;


--
-- Name: InvoiceLines FK_InvoiceLines_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."InvoiceLines"
    ADD CONSTRAINT "FK_InvoiceLines_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Invoices FK_Invoices_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Invoices"
    ADD CONSTRAINT "FK_Invoices_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: PipelineSettings FK_PipelineSettings_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."PipelineSettings"
    ADD CONSTRAINT "FK_PipelineSettings_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: RoutingCursors FK_RoutingCursors_Teams_TeamId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."RoutingCursors"
    ADD CONSTRAINT "FK_RoutingCursors_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES public."Teams"("Id") ON DELETE CASCADE;


--
-- Name: RoutingCursors FK_RoutingCursors_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."RoutingCursors"
    ADD CONSTRAINT "FK_RoutingCursors_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: SavedViews FK_SavedViews_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SavedViews"
    ADD CONSTRAINT "FK_SavedViews_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: SavedViews FK_SavedViews_Users_OwnerId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SavedViews"
    ADD CONSTRAINT "FK_SavedViews_Users_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES public."Users"("Id") ON DELETE CASCADE;


--
-- Name: SnapshotHeads FK_SnapshotHeads_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SnapshotHeads"
    ADD CONSTRAINT "FK_SnapshotHeads_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: SnapshotHeads FK_SnapshotHeads_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SnapshotHeads"
    ADD CONSTRAINT "FK_SnapshotHeads_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: SnapshotPruneRuns FK_SnapshotPruneRuns_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."SnapshotPruneRuns"
    ADD CONSTRAINT "FK_SnapshotPruneRuns_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: StageChanges FK_StageChanges_Deals_DealId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."StageChanges"
    ADD CONSTRAINT "FK_StageChanges_Deals_DealId" FOREIGN KEY ("DealId") REFERENCES public."Deals"("Id") ON DELETE CASCADE;


--
-- Name: StageChanges FK_StageChanges_Stages_ToStageId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."StageChanges"
    ADD CONSTRAINT "FK_StageChanges_Stages_ToStageId" FOREIGN KEY ("ToStageId") REFERENCES public."Stages"("Id") ON DELETE RESTRICT;


--
-- Name: StageChanges FK_StageChanges_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."StageChanges"
    ADD CONSTRAINT "FK_StageChanges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Stages FK_Stages_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Stages"
    ADD CONSTRAINT "FK_Stages_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Subscriptions FK_Subscriptions_Plans_PlanId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Subscriptions"
    ADD CONSTRAINT "FK_Subscriptions_Plans_PlanId" FOREIGN KEY ("PlanId") REFERENCES public."Plans"("Id") ON DELETE RESTRICT;


--
-- Name: Subscriptions FK_Subscriptions_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Subscriptions"
    ADD CONSTRAINT "FK_Subscriptions_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Teams FK_Teams_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Teams"
    ADD CONSTRAINT "FK_Teams_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: Territories FK_Territories_Teams_TeamId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Territories"
    ADD CONSTRAINT "FK_Territories_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES public."Teams"("Id") ON DELETE SET NULL;


--
-- Name: Territories FK_Territories_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Territories"
    ADD CONSTRAINT "FK_Territories_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: TierChanges FK_TierChanges_Companies_CompanyId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TierChanges"
    ADD CONSTRAINT "FK_TierChanges_Companies_CompanyId" FOREIGN KEY ("CompanyId") REFERENCES public."Companies"("Id") ON DELETE CASCADE;


--
-- Name: TierChanges FK_TierChanges_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TierChanges"
    ADD CONSTRAINT "FK_TierChanges_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: TitleRules FK_TitleRules_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."TitleRules"
    ADD CONSTRAINT "FK_TitleRules_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: UsageRecords FK_UsageRecords_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."UsageRecords"
    ADD CONSTRAINT "FK_UsageRecords_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- Name: UserRoles FK_UserRoles_Roles_RoleId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."UserRoles"
    ADD CONSTRAINT "FK_UserRoles_Roles_RoleId" FOREIGN KEY ("RoleId") REFERENCES public."Roles"("Id") ON DELETE CASCADE;


--
-- Name: UserRoles FK_UserRoles_Users_UserId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."UserRoles"
    ADD CONSTRAINT "FK_UserRoles_Users_UserId" FOREIGN KEY ("UserId") REFERENCES public."Users"("Id") ON DELETE CASCADE;


--
-- Name: Users FK_Users_Teams_TeamId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Users"
    ADD CONSTRAINT "FK_Users_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES public."Teams"("Id") ON DELETE SET NULL;


--
-- Name: Users FK_Users_Tenants_TenantId; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Users"
    ADD CONSTRAINT "FK_Users_Tenants_TenantId" FOREIGN KEY ("TenantId") REFERENCES public."Tenants"("Id") ON DELETE RESTRICT;


--
-- PostgreSQL database dump complete
--


