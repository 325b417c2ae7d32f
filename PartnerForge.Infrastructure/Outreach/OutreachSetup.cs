using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace PartnerForge.Infrastructure.Outreach;

public static class OutreachSetup
{
    /// <summary>Sequences, enrolment, the dispatcher and its job, tracking links, engagement and the suppression list.</summary>
    public static IServiceCollection AddPartnerForgeOutreach(this IServiceCollection services, IConfiguration? configuration)
    {
        services.AddOptions<OutreachOptions>().BindConfiguration(OutreachOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<MergeValueSource>();
        services.AddScoped<SequenceService>();
        services.AddScoped<SequenceReport>();
        services.AddScoped<OutreachTasks>();
        services.AddScoped<EnrolmentService>();
        services.AddScoped<SuppressionList>();
        services.AddScoped<OutreachSettingsService>();
        services.AddScoped<SequenceDispatcher>();
        services.AddScoped<EngagementService>();
        services.AddSingleton<OutreachLinks>();
        services.TryAddSingleton<IOutreachMailer, SmtpOutreachMailer>();
        var seconds = int.TryParse(configuration?[OutreachOptions.Section + ":DispatchIntervalSeconds"], out var s) && s is >= 5 and <= 3600
            ? s : new OutreachOptions().DispatchIntervalSeconds;
        services.AddQuartz(o =>
        {
            o.AddJob<SequenceDispatchJob>(j => j.WithIdentity(SequenceDispatchJob.Key).StoreDurably().RequestRecovery());
            o.AddTrigger(t => t.ForJob(SequenceDispatchJob.Key).WithIdentity("sequence-dispatch-every-interval", "outreach")
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(seconds)).RepeatForever()).StartAt(DateTimeOffset.UtcNow.AddSeconds(seconds)));
        });
        return services;
    }
}
