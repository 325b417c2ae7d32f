using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Accounts;
using PartnerForge.Domain.Accounts.Import;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Common;
using PartnerForge.Domain.Pipeline;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Identity;

namespace PartnerForge.Infrastructure.Persistence;

/// <summary>
/// The one EF Core context. Every entity that implements <see cref="ITenantOwned"/> gets a global query
/// filter on the current tenant here, and nowhere else; writes are stamped by <see cref="TenantStampInterceptor"/>.
/// Create it per operation through <see cref="IDbContextFactory{TContext}"/>.
/// It is Identity's context too: Identity's EF stores keep the sign-in accounts (<see cref="IdentityUsers"/>, table
/// AspNetUsers), <see cref="IdentityDbContext{TUser, TRole, TKey}.Roles"/> and <see cref="IdentityDbContext{TUser, TRole, TKey}.UserRoles"/>
/// here. <see cref="Users"/> are the Domain people (tenant-filtered), sharing their Id with their account.
/// </summary>
public sealed class PartnerForgeDbContext(DbContextOptions<PartnerForgeDbContext> options, ICurrentTenant currentTenant)
    : IdentityDbContext<ApplicationUser, ApplicationRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Read by the query filters each time a query runs (EF parameterizes it per context instance).</summary>
    public Guid? CurrentTenantId => currentTenant.TenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();

    /// <summary>The Domain people (tenant-filtered); hides Identity's <c>Users</c>, which are <see cref="IdentityUsers"/> here.</summary>
    public new DbSet<User> Users => Set<User>();

    /// <summary>Identity's sign-in accounts (not tenant-filtered: sign-in looks them up by e-mail).</summary>
    public DbSet<ApplicationUser> IdentityUsers => Set<ApplicationUser>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Territory> Territories => Set<Territory>();

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<PartnerForge.Domain.Contacts.Contact> Contacts => Set<PartnerForge.Domain.Contacts.Contact>();

    public DbSet<PartnerForge.Domain.Outreach.Sequence> Sequences => Set<PartnerForge.Domain.Outreach.Sequence>();

    public DbSet<PartnerForge.Domain.Outreach.Enrolment> Enrolments => Set<PartnerForge.Domain.Outreach.Enrolment>();

    public DbSet<PartnerForge.Domain.Outreach.Touch> Touches => Set<PartnerForge.Domain.Outreach.Touch>();

    public DbSet<PartnerForge.Domain.Outreach.SuppressedAddress> SuppressedAddresses => Set<PartnerForge.Domain.Outreach.SuppressedAddress>();

    public DbSet<PartnerForge.Domain.Outreach.OutreachSettings> OutreachSettings => Set<PartnerForge.Domain.Outreach.OutreachSettings>();

    public DbSet<Domain.Crm.CrmConnection> CrmConnections => Set<Domain.Crm.CrmConnection>();

    public DbSet<Domain.Crm.CrmFieldMapping> CrmFieldMappings => Set<Domain.Crm.CrmFieldMapping>();

    public DbSet<Domain.Crm.CrmLink> CrmLinks => Set<Domain.Crm.CrmLink>();

    public DbSet<Domain.Crm.SyncRun> CrmSyncRuns => Set<Domain.Crm.SyncRun>();

    public DbSet<Domain.Crm.SyncRecord> CrmSyncRecords => Set<Domain.Crm.SyncRecord>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<CompanyTag> CompanyTags => Set<CompanyTag>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<CompanyMerge> CompanyMerges => Set<CompanyMerge>();

    public DbSet<Stage> Stages => Set<Stage>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<StageChange> StageChanges => Set<StageChange>();

    public DbSet<PipelineSettings> PipelineSettings => Set<PipelineSettings>();

    public DbSet<PartnerForge.Domain.Billing.Plan> Plans => Set<PartnerForge.Domain.Billing.Plan>();

    public DbSet<PartnerForge.Domain.Billing.Subscription> Subscriptions => Set<PartnerForge.Domain.Billing.Subscription>();

    public DbSet<PartnerForge.Domain.Billing.UsageRecord> UsageRecords => Set<PartnerForge.Domain.Billing.UsageRecord>();

    public DbSet<PartnerForge.Domain.Billing.Invoice> Invoices => Set<PartnerForge.Domain.Billing.Invoice>();

    public DbSet<PartnerForge.Domain.Billing.InvoiceLine> InvoiceLines => Set<PartnerForge.Domain.Billing.InvoiceLine>();

    public DbSet<PartnerForge.Domain.Administration.ApiKey> ApiKeys => Set<PartnerForge.Domain.Administration.ApiKey>();

    public DbSet<PartnerForge.Domain.Administration.Invitation> Invitations => Set<PartnerForge.Domain.Administration.Invitation>();

    public DbSet<PartnerForge.Domain.Administration.JobExecution> JobExecutions => Set<PartnerForge.Domain.Administration.JobExecution>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<ImportChange> ImportChanges => Set<ImportChange>();

    public DbSet<Domain.Enrichment.Technology> Technologies => Set<Domain.Enrichment.Technology>();

    public DbSet<Domain.Enrichment.CompanyTechnology> CompanyTechnologies => Set<Domain.Enrichment.CompanyTechnology>();

    public DbSet<Domain.Enrichment.EnrichmentRun> EnrichmentRuns => Set<Domain.Enrichment.EnrichmentRun>();

    public DbSet<Domain.Enrichment.EnrichmentStatus> EnrichmentStatuses => Set<Domain.Enrichment.EnrichmentStatus>();

    public DbSet<Domain.Enrichment.IntelSnapshot> IntelSnapshots => Set<Domain.Enrichment.IntelSnapshot>();

    public DbSet<Domain.Enrichment.ApiCostConfig> ApiCostConfigs => Set<Domain.Enrichment.ApiCostConfig>();

    public DbSet<Domain.Enrichment.ApiBudget> ApiBudgets => Set<Domain.Enrichment.ApiBudget>();

    public DbSet<Domain.Enrichment.ApiUsage> ApiUsages => Set<Domain.Enrichment.ApiUsage>();

    public DbSet<Domain.Enrichment.TrafficRank> TrafficRanks => Set<Domain.Enrichment.TrafficRank>();

    public DbSet<Domain.Changes.SnapshotHead> SnapshotHeads => Set<Domain.Changes.SnapshotHead>();

    public DbSet<Domain.Changes.ChangeEvent> ChangeEvents => Set<Domain.Changes.ChangeEvent>();

    public DbSet<Domain.Changes.AlertRule> AlertRules => Set<Domain.Changes.AlertRule>();

    public DbSet<Domain.Changes.Alert> Alerts => Set<Domain.Changes.Alert>();

    public DbSet<Domain.Changes.AlertPreference> AlertPreferences => Set<Domain.Changes.AlertPreference>();

    public DbSet<Domain.Changes.AlertDigest> AlertDigests => Set<Domain.Changes.AlertDigest>();

    public DbSet<Domain.Playbook.TitleRule> TitleRules => Set<Domain.Playbook.TitleRule>();

    public DbSet<Domain.Playbook.CommitteeOverride> CommitteeOverrides => Set<Domain.Playbook.CommitteeOverride>();

    public DbSet<Domain.Playbook.DisplacementRule> DisplacementRules => Set<Domain.Playbook.DisplacementRule>();

    public DbSet<Domain.Playbook.EvidenceItem> EvidenceItems => Set<Domain.Playbook.EvidenceItem>();

    public DbSet<Domain.Scoring.IcpProfile> IcpProfiles => Set<Domain.Scoring.IcpProfile>();

    public DbSet<Domain.Scoring.TierChange> TierChanges => Set<Domain.Scoring.TierChange>();

    public DbSet<Domain.Scoring.AccountAssignment> AccountAssignments => Set<Domain.Scoring.AccountAssignment>();

    public DbSet<Domain.Scoring.RoutingCursor> RoutingCursors => Set<Domain.Scoring.RoutingCursor>();

    public DbSet<Domain.Changes.SnapshotPruneRun> SnapshotPruneRuns => Set<Domain.Changes.SnapshotPruneRun>();

    public DbSet<Domain.Enrichment.BudgetNotice> BudgetNotices => Set<Domain.Enrichment.BudgetNotice>();

    /// <summary>
    /// ASP.NET Core Data Protection's key ring (sign-in cookies, antiforgery tokens, two-factor and reset tokens), in
    /// the database so every node reads the same keys: a cookie issued by one node works on the others.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // All instants are UTC; SQLite hands DateTime back as Unspecified, PostgreSQL insists on Utc.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcNullableDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder); // Identity's mapping first; ours refines it
        builder.ApplyConfigurationsFromAssembly(typeof(PartnerForgeDbContext).Assembly);
        ApplyTenantFilters(builder);
    }

    private void ApplyTenantFilters(ModelBuilder modelBuilder)
    {
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null)
            {
                continue;
            }

            // e => (Guid?)e.TenantId == this.CurrentTenantId
            var entity = Expression.Parameter(entityType.ClrType, "e");
            var tenantId = Expression.Convert(Expression.Property(entity, nameof(ITenantOwned.TenantId)), typeof(Guid?));
            var current = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(Expression.Lambda(Expression.Equal(tenantId, current), entity));
        }
    }
}
