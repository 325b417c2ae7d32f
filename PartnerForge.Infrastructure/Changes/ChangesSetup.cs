using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace PartnerForge.Infrastructure.Changes;

public static class ChangesSetup
{
    /// <summary>Snapshot recording, change detection, alerts and the alert centre's services.</summary>
    public static IServiceCollection AddPartnerForgeChanges(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration? configuration = null)
    {
        services.TryAddScoped<ICompetitorProductSource, NoCompetitorProducts>();
        services.TryAddScoped<IAccountProfileSource, DatabaseAccountProfileSource>();
        services.AddScoped<SnapshotRecorder>();
        services.AddScoped<AlertCentre>();
        services.AddScoped<ChangeTimeline>();
        services.AddScoped<AlertSettings>();
        services.AddScoped<AlertRuleAdministration>();
        services.AddScoped<Retention.SnapshotPruner>();
        services.AddOptions<Retention.SnapshotRetentionOptions>().BindConfiguration(Retention.SnapshotRetentionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddOptions<Email.SmtpOptions>().BindConfiguration(Email.SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Email.IEmailSender, Email.SmtpEmailSender>();
        services.AddScoped<Email.DigestService>();
        // A second AddQuartz only adds this job and trigger to the scheduler JobsSetup configures.
        var retentionCron = configuration?[Retention.SnapshotRetentionOptions.Section + ":Cron"] ?? new Retention.SnapshotRetentionOptions().Cron;
        services.AddQuartz(o =>
        {
            o.AddJob<Retention.SnapshotRetentionJob>(j => j.WithIdentity(Retention.SnapshotRetentionJob.Key).StoreDurably());
            if (Retention.SnapshotRetentionOptions.IsValidCron(retentionCron))
            {
                // An invalid expression is reported by the options validation at start-up, with the setting's name.
                o.AddTrigger(t => t.ForJob(Retention.SnapshotRetentionJob.Key).WithIdentity("snapshot-retention-nightly", "changes")
                    .WithCronSchedule(retentionCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            }

            // Recovered at once on another node when the node sending digests dies (not 15 minutes later): an interrupted
            // send resumes with the digest it was sending re-sent under the same Message-ID.
            o.AddJob<Email.AlertDigestJob>(j => j.WithIdentity(Email.AlertDigestJob.Key).StoreDurably().RequestRecovery());
            o.AddTrigger(t => t.ForJob(Email.AlertDigestJob.Key).WithIdentity("alert-digests-every-15-min", "changes")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()).StartAt(DateTimeOffset.UtcNow.AddMinutes(1)));
        });
        return services;
    }
}
