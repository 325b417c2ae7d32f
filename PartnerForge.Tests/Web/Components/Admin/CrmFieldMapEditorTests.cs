using Bunit;
using Microsoft.EntityFrameworkCore;
using PartnerForge.Domain.Crm;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin.Crm;

namespace PartnerForge.Tests.Web.Components.Admin;

/// <summary>The field map of a HubSpot connection over SQLite as a workspace admin: saved through the service, refused per row.</summary>
public sealed class CrmFieldMapEditorTests : DatabaseComponentTest
{
    protected override string UserEmail => "admin@northwind.test";

    [Fact]
    public async Task A_bad_property_name_is_named_beside_its_field_keeps_what_was_typed_and_saves_nothing()
    {
        var connection = await ConnectionAsync();
        var cut = Render<CrmFieldMapEditor>(p => p.Add(e => e.ConnectionId, connection).Add(e => e.Provider, CrmProvider.HubSpot));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=crm-field-map]").Should().ContainSingle());
        var industry = PropertyInput(cut, CrmObjectKind.Company, SyncDirection.Pull, CrmFields.Industry);
        industry.GetAttribute("value").Should().Be("industry", "the saved map is shown");

        industry.Input("industry sector!");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Find($"[data-testid='map-Company-Pull-{CrmFields.Industry}'] .mud-input-helper-text").TextContent
            .Should().Contain("internal name"));
        PropertyInput(cut, CrmObjectKind.Company, SyncDirection.Pull, CrmFields.Industry).GetAttribute("value").Should().Be("industry sector!");
        (await MappingAsync(connection, CrmFields.Industry)).Should().Be("industry", "nothing was saved");
    }

    [Fact]
    public async Task Emptying_a_property_stops_that_field_syncing_and_a_new_name_is_saved()
    {
        var connection = await ConnectionAsync();
        var cut = Render<CrmFieldMapEditor>(p => p.Add(e => e.ConnectionId, connection).Add(e => e.Provider, CrmProvider.HubSpot));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=crm-field-map]").Should().ContainSingle());

        PropertyInput(cut, CrmObjectKind.Company, SyncDirection.Pull, CrmFields.Country).Input("");
        PropertyInput(cut, CrmObjectKind.Company, SyncDirection.Push, CrmFields.Tier).Input("pf_account_tier");
        cut.Find("form").Submit();

        await Eventually.TrueAsync(async () => await MappingAsync(connection, CrmFields.Tier) == "pf_account_tier", TimeSpan.FromSeconds(10), "the field map was saved");
        (await MappingAsync(connection, CrmFields.Country)).Should().BeNull("an empty property means the field is not synced");
        (await QueryAsync(db => db.CrmFieldMappings.CountAsync(m => m.ConnectionId == connection))).Should().Be(CrmFields.HubSpotDefaults.Count - 1);
    }

    private static AngleSharp.Dom.IElement PropertyInput(IRenderedComponent<CrmFieldMapEditor> cut, CrmObjectKind kind, SyncDirection direction, string field) =>
        cut.Find($"[data-testid='map-{kind}-{direction}-{field}'] input");

    private Task<string?> MappingAsync(Guid connection, string field) =>
        QueryAsync(db => db.CrmFieldMappings.Where(m => m.ConnectionId == connection && m.OurField == field).Select(m => m.CrmProperty).SingleOrDefaultAsync());

    private Task<Guid> ConnectionAsync() => QueryAsync(async db =>
    {
        var crm = new CrmConnection(CrmProvider.HubSpot, "4417221", "northwind-demo.hubspot.com", UserId, DateTime.UtcNow);
        db.CrmConnections.Add(crm);
        db.CrmFieldMappings.AddRange(CrmFields.HubSpotDefaults.Select(d => new CrmFieldMapping(crm.Id, d.Kind, d.Direction, d.OurField, d.CrmProperty, d.Policy)));
        await db.SaveChangesAsync();
        return crm.Id;
    });
}
