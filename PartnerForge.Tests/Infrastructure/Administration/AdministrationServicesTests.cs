using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Administration;
using PartnerForge.Domain.Auditing;
using PartnerForge.Domain.Billing;
using PartnerForge.Domain.Tenancy;
using PartnerForge.Infrastructure.Administration;
using PartnerForge.Infrastructure.Application;
using PartnerForge.Infrastructure.Billing;
using PartnerForge.Infrastructure.Events;
using PartnerForge.Infrastructure.Jobs;
using PartnerForge.Infrastructure.Identity;
using PartnerForge.Tests.Support;
using Quartz;

namespace PartnerForge.Tests.Infrastructure.Administration;

/// <summary>The administration services over a real SQLite database with the demo workspace.</summary>
public sealed class AdministrationServicesTests : IAsyncLifetime
{
    private static readonly Uri Base = new("http://127.0.0.1:5080/");
    private InfrastructureHost _host = null!;
    private Guid _northwind;
    private Guid _globex;
    private Guid _admin;
    private Guid _platformAdmin;

    public async Task InitializeAsync()
    {
        _host = await InfrastructureHost.StartAsync();
        (_northwind, _globex, _admin, _platformAdmin) = await _host.AsSystemAsync(async db =>
        {
            var admin = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "admin@northwind.test");
            var platform = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "platform@partnerforge.test");
            var globex = await db.Tenants.SingleAsync(t => t.Slug == "globex");
            return (admin.TenantId, globex.Id, admin.Id, platform.Id);
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_invitation_is_a_one_time_hashed_expiring_link_that_creates_the_user_with_the_role()
    {
        InvitationCreated created;
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var result = await scope.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync("new.rep@northwind.test", "Nina New", Roles.Rep, Base);
            result.Succeeded.Should().BeTrue(result.Describe());
            created = result.Value!;
        }

        var stored = await _host.AsSystemAsync(db => db.Invitations.IgnoreQueryFilters().SingleAsync(i => i.Id == created.InvitationId));
        stored.TokenHash.Should().Be(SecretTokens.Hash(created.Token)).And.NotContain(created.Token);
        stored.ExpiresAtUtc.Should().BeCloseTo(stored.CreatedAtUtc.AddDays(7), TimeSpan.FromSeconds(1));
        TenantAdministration.InvitationLink(Base, created.Token).ToString().Should().Be($"http://127.0.0.1:5080/invite/{created.Token}");

        await using (var anonymous = _host.Scope(null))
        {
            var acceptance = anonymous.ServiceProvider.GetRequiredService<InvitationAcceptance>();
            (await acceptance.PreviewAsync(created.Token))!.TenantName.Should().Be("Northwind Analytics");
            (await acceptance.AcceptAsync(created.Token, "short")).Should().Contain(e => e.Contains("at least 10", StringComparison.Ordinal));
            (await acceptance.AcceptAsync(created.Token, "A-good-long-passw0rd")).Should().BeEmpty();
        }

        await using (var again = _host.Scope(null))
        {
            var acceptance = again.ServiceProvider.GetRequiredService<InvitationAcceptance>();
            (await acceptance.AcceptAsync(created.Token, "another-long-password")).Should().ContainSingle().Which.Should().Contain("used");
            (await acceptance.PreviewAsync(created.Token)).Should().BeNull();
            (await acceptance.PreviewAsync("not-a-token")).Should().BeNull();
        }

        var (user, roles) = await _host.AsSystemAsync(async db =>
        {
            var u = await db.Users.IgnoreQueryFilters().SingleAsync(x => x.Email == "new.rep@northwind.test");
            var r = await db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, ro => ro.Id, (_, ro) => ro.Name).ToListAsync();
            return (u, r);
        });
        user.TenantId.Should().Be(_northwind);
        user.IsActive.Should().BeTrue();
        roles.Should().Equal(Roles.Rep);
        await using var check = _host.Scope(null);
        var account = await _host.AsSystemAsync(db => db.IdentityUsers.SingleAsync(a => a.Id == user.Id));
        account.TenantId.Should().Be(_northwind);
        var hasher = check.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<ApplicationUser>>();
        hasher.VerifyHashedPassword(account, account.PasswordHash!, "A-good-long-passw0rd").Should().NotBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
    }

    [Fact]
    public async Task An_expired_invitation_cannot_be_accepted_and_an_existing_email_cannot_be_invited()
    {
        const string token = "expired-token-0123456789";
        await _host.AsSystemAsync(async db =>
        {
            db.Invitations.Add(new Invitation(_northwind, "late@northwind.test", "Lee Late", Roles.Rep, SecretTokens.Hash(token), _admin, DateTime.UtcNow.AddDays(-8)));
            return await db.SaveChangesAsync();
        });

        await using (var scope = _host.Scope(null))
        {
            var errors = await scope.ServiceProvider.GetRequiredService<InvitationAcceptance>().AcceptAsync(token, "A-good-long-passw0rd");
            errors.Should().ContainSingle().Which.Should().Contain("expired");
        }

        await using var admin = _host.Scope(_northwind, _admin);
        var taken = await admin.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync("rep@globex.test", "Someone", Roles.Rep, Base);
        taken.Kind.Should().Be(ErrorKind.Conflict);
        taken.Describe().Should().Be("rep@globex.test already has an account.");
        taken.FieldMessages().Keys.Should().Equal(["Email"], "the form shows it under the e-mail field");
        var bad = await admin.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync("not an email", "Someone", Roles.Rep, Base);
        bad.Kind.Should().Be(ErrorKind.Validation);
        bad.FieldMessages().Should().Equal(new Dictionary<string, string> { ["Email"] = "Enter an e-mail address like name@company.com." });
        bad.Describe().Should().Be("Enter an e-mail address like name@company.com.");
        var unnamed = await admin.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync("named@northwind.test", " ", Roles.Rep, Base);
        unnamed.FieldMessages().Keys.Should().Equal(["DisplayName"]);
        var platform = await admin.ServiceProvider.GetRequiredService<TenantAdministration>().InviteAsync("p2@northwind.test", "Someone", Roles.PlatformAdmin, Base);
        platform.Describe().Should().Contain("Choose a role");
    }

    [Fact]
    public async Task Deactivating_a_user_changes_their_stamp_publishes_the_end_of_their_sessions_and_is_audited()
    {
        var rep = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        var repStamp = await _host.AsSystemAsync(db => db.IdentityUsers.Where(a => a.Id == rep.Id).Select(a => a.SecurityStamp).SingleAsync());
        var ended = new TaskCompletionSource<UserSessionsEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _host.Services.GetRequiredService<IEventBus>().Subscribe<UserSessionsEnded>(_northwind, e =>
        {
            ended.TrySetResult(e);
            return Task.CompletedTask;
        });

        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            (await admin.DeactivateAsync(_admin)).Describe().Should().Be("You cannot deactivate yourself.");
            (await admin.DeactivateAsync(rep.Id)).Succeeded.Should().BeTrue();
        }

        var published = await ended.Task.WaitAsync(TimeSpan.FromSeconds(10));
        published.UserId.Should().Be(rep.Id);
        var after = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == rep.Id));
        after.IsActive.Should().BeFalse();
        var afterStamp = await _host.AsSystemAsync(db => db.IdentityUsers.Where(a => a.Id == rep.Id).Select(a => a.SecurityStamp).SingleAsync());
        afterStamp.Should().NotBe(repStamp);

        var entry = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == rep.Id && a.Action == AuditAction.Updated && a.EntityType == nameof(User)).SingleAsync());
        entry.UserId.Should().Be(_admin);
        var changes = JsonDocument.Parse(entry.Changes).RootElement;
        changes.GetProperty("IsActive").GetProperty("old").GetBoolean().Should().BeTrue();
        changes.GetProperty("IsActive").GetProperty("new").GetBoolean().Should().BeFalse();
        var accountEntry = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == rep.Id && a.Action == AuditAction.Updated && a.EntityType == nameof(ApplicationUser)).SingleAsync());
        accountEntry.UserId.Should().Be(_admin);
        var accountChanges = JsonDocument.Parse(accountEntry.Changes).RootElement;
        accountChanges.GetProperty("SecurityStamp").GetProperty("new").GetString().Should().Be(AuditRedactedAttribute.Placeholder, "secrets never reach the audit log");
        accountEntry.Changes.Should().NotContain(afterStamp);
    }

    [Fact]
    public async Task Resetting_a_password_gives_a_working_temporary_password_once_and_changing_a_role_replaces_it()
    {
        var manager = await _host.AsSystemAsync(db => db.IdentityUsers.SingleAsync(u => u.Email == "manager@northwind.test"));
        string temporary;
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            temporary = (await admin.ResetPasswordAsync(manager.Id)).Value!;
            (await admin.SetRoleAsync(manager.Id, Roles.TenantAdmin)).Succeeded.Should().BeTrue();
            (await admin.SetRoleAsync(_admin, Roles.Rep)).Describe().Should().Contain("your own admin role");
            (await admin.SetRoleAsync(manager.Id, "Owner")).Describe().Should().Contain("Choose a role");
        }

        var after = await _host.AsSystemAsync(db => db.IdentityUsers.SingleAsync(u => u.Id == manager.Id));
        temporary.Should().HaveLength(14);
        after.SecurityStamp.Should().NotBe(manager.SecurityStamp);
        await using var check = _host.Scope(null);
        var hasher = check.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<ApplicationUser>>();
        hasher.VerifyHashedPassword(after, after.PasswordHash!, temporary).Should().NotBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
        hasher.VerifyHashedPassword(after, after.PasswordHash!, PartnerForge.Infrastructure.Persistence.Seeding.DemoWorkspace.DefaultPassword).Should().Be(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
        var roles = await _host.AsSystemAsync(db => db.UserRoles.Where(ur => ur.UserId == manager.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync());
        roles.Should().Equal(Roles.TenantAdmin);
        var audit = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.EntityId == manager.Id).ToListAsync());
        audit.Should().Contain(a => a.Changes.Contains("PasswordHash", StringComparison.Ordinal) && !a.Changes.Contains(after.PasswordHash!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tenant_admin_cannot_touch_another_tenants_users()
    {
        var globexRep = await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@globex.test"));
        await using var scope = _host.Scope(_northwind, _admin);
        var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();

        var foreign = await admin.DeactivateAsync(globexRep.Id);
        (foreign.Kind, foreign.Describe()).Should().Be((ErrorKind.NotFound, "That user is not in your workspace."));
        var platformAdmin = await admin.DeactivateAsync(_platformAdmin);
        platformAdmin.Kind.Should().Be(ErrorKind.Forbidden);
        platformAdmin.Describe().Should().Contain("managed by the platform", "a platform admin in this tenant is not the tenant admin's to deactivate");
        var reset = await admin.ResetPasswordAsync(globexRep.Id);
        (reset.Kind, reset.Value, reset.Describe()).Should().Be((ErrorKind.NotFound, null, "That user is not in your workspace."), "the reset passes on the refusal of the user change");
        (await admin.ListUsersAsync()).Should().NotContain(u => u.Email.EndsWith("@globex.test", StringComparison.Ordinal));
        (await _host.AsSystemAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == globexRep.Id))).IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task Metered_usage_counts_towards_this_period_against_the_plan()
    {
        await using var scope = _host.Scope(_globex);
        var before = (await scope.ServiceProvider.GetRequiredService<UsageReport>().CurrentPeriodAsync())!;
        var meter = scope.ServiceProvider.GetRequiredService<IUsageMeter>();
        await meter.RecordAsync(UsageKind.EnrichmentCredit, 7, "meter-test-source");
        await meter.RecordAsync(UsageKind.ApiCall, 1, "api:test");
        await meter.RecordAsync(UsageKind.ApiCall, 1, "api:test");

        var after = (await scope.ServiceProvider.GetRequiredService<UsageReport>().CurrentPeriodAsync())!;
        after.PlanName.Should().Be("Starter");
        after.EnrichmentCreditsUsed.Should().Be(before.EnrichmentCreditsUsed + 7);
        after.ApiCallsUsed.Should().Be(before.ApiCallsUsed + 2);
        after.EnrichmentCreditsIncluded.Should().Be(500);
        after.SeatsUsed.Should().Be(3);
        after.Days.Sum(d => d.EnrichmentCredits).Should().Be(after.EnrichmentCreditsUsed);

        await using var other = _host.Scope(_northwind);
        var northwind = (await other.ServiceProvider.GetRequiredService<UsageReport>().CurrentPeriodAsync())!;
        northwind.PlanName.Should().Be("Growth");
        var globexOnly = await _host.AsSystemAsync(db => db.UsageRecords.IgnoreQueryFilters().CountAsync(u => u.Source == "meter-test-source" && u.TenantId == _globex));
        globexOnly.Should().Be(1);
    }

    [Fact]
    public async Task A_plan_change_mid_month_gives_a_pro_rated_invoice_that_a_platform_admin_marks_paid()
    {
        // A new tenant on Starter from 1 Oct 2026; it moved to Growth on 21 Oct (arranged directly, since "now" is not October).
        Guid tenantId;
        await using (var platform = _host.Scope(_northwind, _platformAdmin))
        {
            var created = await platform.ServiceProvider.GetRequiredService<PlatformAdministration>().CreateTenantAsync("Initech", "initech", PlanCatalog.Starter);
            created.Succeeded.Should().BeTrue(created.Describe());
            tenantId = created.Value;
        }

        var october = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        await _host.AsSystemAsync(async db =>
        {
            db.Subscriptions.RemoveRange(db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == tenantId));
            var plans = await db.Plans.ToDictionaryAsync(p => p.Code, p => p.Id);
            var starter = new Subscription(tenantId, plans[PlanCatalog.Starter], october);
            starter.End(new DateTime(2026, 10, 21, 10, 0, 0, DateTimeKind.Utc));
            db.Subscriptions.Add(starter);
            db.Subscriptions.Add(new Subscription(tenantId, plans[PlanCatalog.Growth], new DateTime(2026, 10, 21, 10, 0, 0, DateTimeKind.Utc)));
            db.UsageRecords.Add(new UsageRecord(tenantId, UsageKind.EnrichmentCredit, 1000, "test", new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc)));
            db.UsageRecords.Add(new UsageRecord(tenantId, UsageKind.ApiCall, 30_000, "test", new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc)));
            db.UsageRecords.Add(new UsageRecord(tenantId, UsageKind.ApiCall, 999, "test", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc))); // next month
            return await db.SaveChangesAsync();
        });

        Guid invoiceId;
        await using (var platform = _host.Scope(_northwind, _platformAdmin))
        {
            var admin = platform.ServiceProvider.GetRequiredService<PlatformAdministration>();
            invoiceId = (await admin.IssueInvoiceAsync(tenantId, october.AddDays(3)))!.Value;
            (await admin.IssueInvoiceAsync(tenantId, october)).Should().Be(invoiceId, "issuing twice keeps the first invoice");
        }

        // October has 31 days. Starter 1–20 Oct: 490 × 20/31 = 316.129… → 316.13; allowance ⌊500 × 20/31⌋ = 322, ⌊10,000 × 20/31⌋ = 6,451.
        // Growth 21–31 Oct: 1,490 × 11/31 = 528.709… → 528.71; allowance ⌊2,500 × 11/31⌋ = 887, ⌊50,000 × 11/31⌋ = 17,741.
        // 1,000 credits − 1,209 included: none over. 30,000 calls − 24,192 included = 5,808 over = 5.808 × 1.50 = 8.712 → 8.71.
        // Total 316.13 + 528.71 + 8.71 = 853.55.
        await using (var tenant = _host.Scope(tenantId))
        {
            var document = (await tenant.ServiceProvider.GetRequiredService<InvoiceService>().GetAsync(invoiceId))!;
            document.Lines.Select(l => l.Amount).Should().Equal(316.13m, 528.71m, 8.71m);
            document.Invoice.Total.Should().Be(853.55m);
            document.Invoice.Number.Should().Be("INV-2026-10-initech");
            document.Invoice.Status.Should().Be(InvoiceStatus.Open);
            var csv = InvoiceService.ToCsv(document);
            csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(5);
            csv.Should().Contain("INV-2026-10-initech,,,,Total,,,853.55,USD");
        }

        await using (var northwindAdmin = _host.Scope(_northwind, _admin))
        {
            (await northwindAdmin.ServiceProvider.GetRequiredService<InvoiceService>().GetAsync(invoiceId)).Should().BeNull("another tenant's invoice is invisible");
        }

        await using (var platform = _host.Scope(_northwind, _platformAdmin))
        {
            var admin = platform.ServiceProvider.GetRequiredService<PlatformAdministration>();
            (await admin.MarkPaidAsync(invoiceId, "bank transfer 42")).Succeeded.Should().BeTrue();
            (await admin.MarkPaidAsync(invoiceId, "again")).Describe().Should().Contain("already paid");
            var paid = (await admin.GetInvoiceAsync(invoiceId))!;
            paid.Invoice.Status.Should().Be(InvoiceStatus.Paid);
            paid.PaymentReference.Should().Be("manual: bank transfer 42");
        }

        var audit = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.TenantId == tenantId).ToListAsync());
        audit.Should().Contain(a => a.EntityType == nameof(Invoice) && a.Action == AuditAction.Created);
        audit.Should().Contain(a => a.EntityType == nameof(Invoice) && a.Action == AuditAction.Updated && a.UserId == _platformAdmin && a.Changes.Contains("Paid", StringComparison.Ordinal));
        audit.Should().Contain(a => a.EntityType == nameof(Subscription) && a.Action == AuditAction.Created && a.UserId == _platformAdmin);
    }

    [Fact]
    public async Task Changing_a_plan_ends_the_subscription_and_starts_another_audited()
    {
        await using var platform = _host.Scope(_northwind, _platformAdmin);
        var admin = platform.ServiceProvider.GetRequiredService<PlatformAdministration>();
        (await admin.ChangePlanAsync(_globex, PlanCatalog.Enterprise)).Succeeded.Should().BeTrue();
        (await admin.ChangePlanAsync(_globex, PlanCatalog.Enterprise)).Describe().Should().Contain("already on");

        var subscriptions = await _host.AsSystemAsync(db => db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == _globex).OrderBy(s => s.StartedAtUtc).ToListAsync());
        subscriptions.Should().HaveCount(2);
        subscriptions[0].EndedAtUtc.Should().NotBeNull();
        subscriptions[1].EndedAtUtc.Should().BeNull();
        (await admin.ListTenantsAsync()).Single(t => t.Id == _globex).PlanCode.Should().Be(PlanCatalog.Enterprise);
        var audit = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.TenantId == _globex && a.EntityType == nameof(Subscription) && a.UserId == _platformAdmin).ToListAsync());
        audit.Select(a => a.Action).Should().BeEquivalentTo([AuditAction.Updated, AuditAction.Created]);
    }

    [Fact]
    public async Task Each_audited_admin_action_leaves_an_entry_and_the_log_is_searchable_per_tenant()
    {
        Guid keyId, teamId, territoryId, invitationId;
        string secret, token;
        await using (var scope = _host.Scope(_northwind, _admin))
        {
            var admin = scope.ServiceProvider.GetRequiredService<TenantAdministration>();
            var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
            var key = (await keys.CreateAsync("Audit key")).Value!;
            (keyId, secret) = (key.Id, key.Key);
            (await keys.RevokeAsync(keyId)).Should().BeTrue();
            teamId = (await admin.CreateTeamAsync("Audit Team")).Value;
            territoryId = (await admin.CreateTerritoryAsync("Audit Land", teamId, "gb, IE", "Retail")).Value;
            (await admin.CreateTerritoryAsync("Bad Land", null, "Britain", string.Empty)).Describe().Should().Contain("two-letter");
            var invitation = (await admin.InviteAsync("audit.person@northwind.test", "Audit Person", Roles.Manager, Base)).Value!;
            (invitationId, token) = (invitation.InvitationId, invitation.Token);
        }

        var entries = await _host.AsSystemAsync(db => db.AuditEntries.IgnoreQueryFilters().Where(a => a.TenantId == _northwind && a.UserId == _admin).ToListAsync());
        entries.Should().Contain(a => a.EntityId == keyId && a.Action == AuditAction.Created && a.EntityType == nameof(ApiKey));
        entries.Should().Contain(a => a.EntityId == keyId && a.Action == AuditAction.Updated && a.Changes.Contains("RevokedAtUtc", StringComparison.Ordinal));
        entries.Should().Contain(a => a.EntityId == teamId && a.EntityType == nameof(Team));
        entries.Should().Contain(a => a.EntityId == territoryId && a.EntityType == nameof(Territory) && a.Changes.Contains("GB, IE", StringComparison.Ordinal));
        entries.Should().Contain(a => a.EntityId == invitationId && a.EntityType == nameof(Invitation));
        entries.Where(a => a.EntityId == keyId || a.EntityId == invitationId).Should().OnlyContain(a =>
            !a.Changes.Contains(secret, StringComparison.Ordinal) && !a.Changes.Contains(token, StringComparison.Ordinal)
            && !a.Changes.Contains(SecretTokens.Hash(secret), StringComparison.Ordinal) && !a.Changes.Contains(SecretTokens.Hash(token), StringComparison.Ordinal));

        await using (var tenantAdmin = _host.Scope(_northwind, _admin))
        {
            var log = tenantAdmin.ServiceProvider.GetRequiredService<AuditLog>();
            var found = await log.SearchAsync(new AuditSearch(Text: "Audit Land"), acrossTenants: false);
            found.Rows.Should().ContainSingle().Which.UserName.Should().Be("Alex Admin");
            var byType = await log.SearchAsync(new AuditSearch(EntityType: nameof(ApiKey)), acrossTenants: false);
            byType.Rows.Should().OnlyContain(r => r.EntityType == nameof(ApiKey) && r.TenantName == "Northwind Analytics");
            byType.EntityTypes.Should().Contain([nameof(ApiKey), nameof(Team), nameof(Territory)]);
        }

        await using (var globexAdmin = _host.Scope(_globex))
        {
            var log = globexAdmin.ServiceProvider.GetRequiredService<AuditLog>();
            (await log.SearchAsync(new AuditSearch(Text: "Audit Land"), acrossTenants: false)).Total.Should().Be(0, "another tenant's log is invisible");
            (await log.SearchAsync(new AuditSearch(Text: "Audit Land"), acrossTenants: true)).Total.Should().Be(1, "the platform view spans tenants");
        }
    }

    [Fact]
    public async Task Every_job_run_is_recorded_a_failed_run_can_be_retried_and_a_suspended_tenants_jobs_are_skipped()
    {
        ProbeJob.Runs.Clear();
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var failing = new JobKey($"probe-fail-{Guid.NewGuid():N}", "tests");
        await scheduler.AddJob(JobBuilder.Create<ProbeJob>().WithIdentity(failing).StoreDurably()
            .UsingJobData(TenantJob.TenantIdKey, _northwind.ToString()).UsingJobData("fail", "yes").Build(), new AddJobOptions { Replace = true });
        await scheduler.TriggerJob(failing);

        var failed = await WaitForAsync(() => _host.AsSystemAsync(db => db.JobExecutions.Where(e => e.JobName == failing.Name && e.Status == JobExecutionStatus.Failed).ToListAsync()), r => r.Count == 1);
        failed[0].Error.Should().Contain("probe failed on purpose");
        failed[0].TenantId.Should().Be(_northwind);
        failed[0].DurationMs.Should().NotBeNull();

        await using (var scope = _host.Scope(null))
        {
            (await scope.ServiceProvider.GetRequiredService<JobAdministration>().RetryAsync(failed[0].Id)).Should().BeTrue();
            var health = await scope.ServiceProvider.GetRequiredService<JobAdministration>().HealthAsync();
            health.DatabaseOk.Should().BeTrue();
            health.SchedulerRunning.Should().BeTrue();
        }

        await WaitForAsync(() => _host.AsSystemAsync(db => db.JobExecutions.CountAsync(e => e.JobName == failing.Name && e.Status == JobExecutionStatus.Failed)), n => n == 2);

        // Suspend Globex: its job is vetoed (recorded as skipped), while Northwind's runs.
        await using (var platform = _host.Scope(_northwind, _platformAdmin))
        {
            await platform.ServiceProvider.GetRequiredService<PlatformAdministration>().SuspendAsync(_globex);
        }

        var globexJob = new JobKey($"probe-globex-{Guid.NewGuid():N}", "tests");
        var northwindJob = new JobKey($"probe-northwind-{Guid.NewGuid():N}", "tests");
        await scheduler.AddJob(JobBuilder.Create<ProbeJob>().WithIdentity(globexJob).StoreDurably().UsingJobData(TenantJob.TenantIdKey, _globex.ToString()).Build(), new AddJobOptions { Replace = true });
        await scheduler.AddJob(JobBuilder.Create<ProbeJob>().WithIdentity(northwindJob).StoreDurably().UsingJobData(TenantJob.TenantIdKey, _northwind.ToString()).Build(), new AddJobOptions { Replace = true });
        await scheduler.TriggerJob(globexJob);
        await scheduler.TriggerJob(northwindJob);

        var skipped = await WaitForAsync(() => _host.AsSystemAsync(db => db.JobExecutions.Where(e => e.JobName == globexJob.Name).ToListAsync()), r => r.Count == 1);
        skipped[0].Status.Should().Be(JobExecutionStatus.Skipped);
        var ran = await WaitForAsync(() => _host.AsSystemAsync(db => db.JobExecutions.Where(e => e.JobName == northwindJob.Name && e.Status == JobExecutionStatus.Succeeded).ToListAsync()), r => r.Count == 1);
        ran.Should().ContainSingle();
        ProbeJob.Runs.Should().Contain(_northwind).And.NotContain(_globex);
    }

    [Fact]
    public async Task The_monthly_invoice_job_issues_last_months_invoice_for_each_active_tenant_once()
    {
        Guid tenantId;
        await using (var platform = _host.Scope(_northwind, _platformAdmin))
        {
            tenantId = (await platform.ServiceProvider.GetRequiredService<PlatformAdministration>().CreateTenantAsync("Hooli", "hooli", PlanCatalog.Enterprise)).Value;
        }

        var lastMonth = InvoiceCalculator.MonthOf(DateTime.UtcNow).StartUtc.AddMonths(-1);
        await _host.AsSystemAsync(async db =>
        {
            // Arranged: Hooli has been on Enterprise since before last month.
            await db.Subscriptions.IgnoreQueryFilters().Where(s => s.TenantId == tenantId).ExecuteDeleteAsync();
            var plan = await db.Plans.SingleAsync(p => p.Code == PlanCatalog.Enterprise);
            db.Subscriptions.Add(new Subscription(tenantId, plan.Id, lastMonth.AddMonths(-2)));
            return await db.SaveChangesAsync();
        });

        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(MonthlyInvoiceJob.Key);
        var runs = await WaitForAsync(() => _host.AsSystemAsync(db => db.JobExecutions.Where(e => e.JobName == MonthlyInvoiceJob.Key.Name && e.Status != JobExecutionStatus.Running).ToListAsync()), r => r.Count == 1);
        runs.Should().ContainSingle().Which.Status.Should().Be(JobExecutionStatus.Succeeded);

        var invoices = await _host.AsSystemAsync(db => db.Invoices.IgnoreQueryFilters().Where(i => i.TenantId == tenantId).ToListAsync());
        invoices.Should().ContainSingle();
        invoices[0].PeriodStartUtc.Should().Be(lastMonth);
        invoices[0].Total.Should().Be(4900.00m, "a whole month of Enterprise with no usage");
        (await _host.AsSystemAsync(db => db.Invoices.IgnoreQueryFilters().CountAsync(i => i.PeriodStartUtc == lastMonth))).Should().Be(3, "the demo tenants' invoices were kept, not duplicated");
    }

    [Fact]
    public async Task Pausing_and_resuming_the_monthly_invoice_schedule()
    {
        await using var scope = _host.Scope(null);
        var jobs = scope.ServiceProvider.GetRequiredService<JobAdministration>();
        var schedule = (await jobs.SchedulesAsync()).Single(s => s.JobName == MonthlyInvoiceJob.Key.Name);
        schedule.State.Should().Be("Normal");
        schedule.NextFireUtc!.Value.Day.Should().Be(1);

        await jobs.PauseAsync(schedule.TriggerName, schedule.TriggerGroup);
        (await jobs.SchedulesAsync()).Single(s => s.JobName == MonthlyInvoiceJob.Key.Name).State.Should().Be("Paused");
        await jobs.ResumeAsync(schedule.TriggerName, schedule.TriggerGroup);
        (await jobs.SchedulesAsync()).Single(s => s.JobName == MonthlyInvoiceJob.Key.Name).State.Should().Be("Normal");
    }

    [Fact]
    public async Task The_demo_has_plans_subscriptions_last_months_invoice_and_the_readme_api_key()
    {
        var (plans, invoices, key) = await _host.AsSystemAsync(async db => (
            await db.Plans.CountAsync(),
            await db.Invoices.IgnoreQueryFilters().CountAsync(),
            await db.ApiKeys.IgnoreQueryFilters().SingleAsync(k => k.SecretHash == SecretTokens.Hash(AdministrationStartup.DemoApiKey))));
        plans.Should().Be(3);
        invoices.Should().Be(2);
        key.TenantId.Should().Be(_northwind);
        await using var scope = _host.Scope(null);
        (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().AuthenticateAsync(AdministrationStartup.DemoApiKey))!.TenantId.Should().Be(_northwind);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A tenant job for the tests: records which tenant it ran for, fails when asked to.</summary>
    public sealed class ProbeJob(IServiceProvider services) : TenantJob(services)
    {
        public static ConcurrentBag<Guid> Runs { get; } = [];

        protected override Task ExecuteForTenantAsync(IJobExecutionContext context, Guid tenantId, CancellationToken cancellationToken)
        {
            Runs.Add(tenantId);
            if (context.MergedJobDataMap.GetString("fail") == "yes")
            {
                throw new InvalidOperationException("probe failed on purpose");
            }

            return Task.CompletedTask;
        }
    }
}
