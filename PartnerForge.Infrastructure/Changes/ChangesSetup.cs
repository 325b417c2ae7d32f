using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace PartnerForge.Infrastructure.Changes;

public static class ChangesSetup
{
    /// <summary>Snapshot recording, change detection, alerts and the alert centre's services.</summary>
    public static IServiceCollection AddPartnerForgeChanges(this IServiceCollection services)
    {
        services.TryAddScoped<ICompetitorProductSource, NoCompetitorProducts>();
        services.TryAddScoped<IAccountProfileSource, CompanyProfileSource>();
        services.AddScoped<SnapshotRecorder>();
        services.AddScoped<AlertCentre>();
        services.AddScoped<ChangeTimeline>();

        services.AddOptions<Email.SmtpOptions>().BindConfiguration(Email.SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<Email.IEmailSender, Email.SmtpEmailSender>();
        services.AddScoped<Email.DigestService>();
        // A second AddQuartz only adds this job and trigger to the scheduler JobsSetup configures.
        services.AddQuartz(o =>
        {
            o.AddJob<Email.AlertDigestJob>(j => j.WithIdentity(Email.AlertDigestJob.Key).StoreDurably());
            o.AddTrigger(t => t.ForJob(Email.AlertDigestJob.Key).WithIdentity("alert-digests-every-15-min", "changes")
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(15)).RepeatForever()).StartAt(DateTimeOffset.UtcNow.AddMinutes(1)));
        });
        return services;
    }
}
