using Microsoft.Extensions.DependencyInjection;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Domain.Playbook;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Outreach;

namespace PartnerForge.Tests.Support;

/// <summary>Contacts and sequences made through the real services of a tenant's scope, for tests that need some to start from.</summary>
internal static class OutreachSeed
{
    public static async Task<Guid> ContactAsync(IServiceProvider services, Guid company, Guid owner, string name, string? email,
        CommitteeRole? role = null, string? phone = null, string zone = "America/Denver")
    {
        var result = await services.GetRequiredService<ContactService>()
            .CreateAsync(company, new ContactInput(name, "VP Operations", email, phone, zone, role, LawfulBasis.LegitimateInterest, null), owner);
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Value;
    }

    /// <summary>A sequence sending as <paramref name="owner"/>, 08:00–17:00; one e-mail step unless steps are given.</summary>
    public static async Task<Guid> SequenceAsync(IServiceProvider services, Guid owner, string name = "Openers", params StepInput[] steps)
    {
        var result = await services.GetRequiredService<SequenceService>().CreateAsync(new SequenceInput(name, new TimeOnly(8, 0), new TimeOnly(17, 0),
            steps.Length > 0 ? steps : [new StepInput(StepKind.Email, Subject: "Hello {{first_name}}", Body: "Hi {{first_name}}")]), owner);
        result.Succeeded.Should().BeTrue(result.Message);
        return result.Value;
    }
}
