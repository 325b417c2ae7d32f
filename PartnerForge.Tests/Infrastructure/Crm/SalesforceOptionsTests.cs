using Microsoft.Extensions.Options;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Infrastructure.Crm;

public sealed class SalesforceOptionsTests
{
    [Fact]
    public async Task Unsound_salesforce_settings_stop_the_start_with_clear_messages()
    {
        var start = () => InfrastructureHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Crm:Salesforce:LoginUrl"] = "login.salesforce.com",
            ["Crm:Salesforce:ClientId"] = "3MVG9only-the-key",
            ["Crm:Salesforce:ApiVersion"] = "61",
            ["Crm:Salesforce:PageSize"] = "500",
            ["Crm:Salesforce:ExternalIdField"] = "PartnerForge Id",
        });

        var error = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        error.Message.Should().Contain("Crm:Salesforce:LoginUrl 'login.salesforce.com' is not an http(s) address.")
            .And.Contain("Set both Crm:Salesforce:ClientId and Crm:Salesforce:ClientSecret, or neither.")
            .And.Contain("Crm:Salesforce:ApiVersion '61' is not like v61.0.")
            .And.Contain("Crm:Salesforce:ExternalIdField 'PartnerForge Id' is not a field's API name.")
            .And.Contain("Crm:Salesforce:PageSize is between 1 and 200 (it is 500).");
    }
}
