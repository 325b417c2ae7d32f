using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace PartnerForge.Infrastructure.Outreach;

public static class OutreachSetup
{
    /// <summary>
    /// Sequences, enrolment, the dispatcher and its job, tracking links, engagement and the suppression list; the job that
    /// reads replies and bounces over IMAP when <c>Outreach:Imap:Host</c> is set.
    /// </summary>
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
        services.AddOptions<ImapOptions>().BindConfiguration(ImapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IInboundMailbox, ImapMailboxReader>();
        var seconds = int.TryParse(configuration?[OutreachOptions.Section + ":DispatchIntervalSeconds"], out var s) && s is >= 5 and <= 3600
            ? s : new OutreachOptions().DispatchIntervalSeconds;
        services.AddQuartz(o =>
        {
            o.AddJob<SequenceDispatchJob>(j => j.WithIdentity(SequenceDispatchJob.Key).StoreDurably().RequestRecovery());
            o.AddTrigger(t => t.ForJob(SequenceDispatchJob.Key).WithIdentity("sequence-dispatch-every-interval", "outreach")
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(seconds)).RepeatForever()).StartAt(DateTimeOffset.UtcNow.AddSeconds(seconds)));
        });
        if (!string.IsNullOrWhiteSpace(configuration?[ImapOptions.Section + ":Host"]))
        {
            AddInboundMailJob(services, configuration);
        }

        return services;
    }

    private static void AddInboundMailJob(IServiceCollection services, IConfiguration configuration)
    {
        var seconds = int.TryParse(configuration[ImapOptions.Section + ":PollIntervalSeconds"], out var s) && s is >= 15 and <= 86400
            ? s : new ImapOptions().PollIntervalSeconds;
        services.AddQuartz(o =>
        {
            o.AddJob<InboundMailJob>(j => j.WithIdentity(InboundMailJob.Key).StoreDurably());
            o.AddTrigger(t => t.ForJob(InboundMailJob.Key).WithIdentity("inbound-mail-every-interval", "outreach")
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(seconds)).RepeatForever()).StartAt(DateTimeOffset.UtcNow.AddSeconds(seconds)));
        });
    }
}
