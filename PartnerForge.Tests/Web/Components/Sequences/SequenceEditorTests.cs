using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Sequences;

namespace PartnerForge.Tests.Web.Components.Sequences;

/// <summary>
/// The sequence editor and the people tab over the real outreach services (SQLite): faulty steps are refused with
/// messages under the fields and nothing typed is lost; a preview fills merge fields for a real contact; enrolling
/// and pausing go through the enrolment service.
/// </summary>
public sealed class SequenceEditorTests : DatabaseComponentTest
{
    [Fact]
    public async Task A_sequence_is_saved_only_once_its_steps_are_right_and_keeps_what_was_typed_when_refused()
    {
        RenderInteractively();
        Render<MudPopoverProvider>();
        Guid? saved = null;
        var cut = Render<SequenceForm>(p => p.Add(c => c.OnSaved, id => saved = id));
        cut.WaitForAssertion(() => cut.Find("#sequence-name"));

        cut.Find("#sequence-name").Input("Warehouse openers");
        cut.Find("#step-0-subject").Input("  ");
        cut.Find("[data-testid=add-wait]").Click();
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("An e-mail step needs a subject.").And.Contain("A sequence cannot end with a wait"));
        cut.Find("#sequence-name").GetAttribute("value").Should().Be("Warehouse openers");
        cut.FindAll(".pf-seq-step").Should().HaveCount(2, "both steps stay in the editor");
        (await QueryAsync(db => db.Sequences.CountAsync())).Should().Be(0);

        cut.Find("#step-0-subject").Input("Hello {{first_name | there}}");
        cut.Find("#step-1-wait").Change("3");
        cut.Find("[data-testid=add-email]").Click();
        cut.Find("#step-2-subject").Input("Following up on {{account_name}}");
        cut.Find("#step-2-body").Input("Hi {{first_name}}, did my note reach you?");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => saved.Should().NotBeNull());
        var sequence = await QueryAsync(db => db.Sequences.SingleAsync());
        sequence.Name.Should().Be("Warehouse openers");
        sequence.OwnerId.Should().Be(UserId, "a new sequence sends as the signed-in rep");
        sequence.Steps.Select(s => s.Kind).Should().Equal(StepKind.Email, StepKind.Wait, StepKind.Email);
        sequence.Steps[1].WaitDays.Should().Be(3);
    }

    [Fact]
    public async Task A_preview_fills_the_merge_fields_for_a_real_contact_and_names_an_unknown_field()
    {
        await AddContactAsync("Dana Reyes", "dana@acme-outdoor.test");
        RenderInteractively();
        Render<MudPopoverProvider>();
        var cut = Render<SequenceForm>();
        cut.WaitForAssertion(() => cut.Find("#step-0-subject"));

        cut.Find("#step-0-subject").Input("{{first_name}}, a question about {{account_name}}");
        cut.Find("[data-testid=preview-step-0]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=step-preview]").TextContent
            .Should().Contain("Dana, a question about Acme Outdoor Supply").And.Contain("as Dana Reyes would get it"));

        cut.Find("#step-0-subject").Input("Hi {{frist_name}}");
        cut.Find("[data-testid=preview-step-0]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=step-preview]").TextContent.Should().Contain("frist_name"));
    }

    [Fact]
    public async Task A_contact_is_enrolled_from_the_people_tab_and_paused_there()
    {
        var contact = await AddContactAsync("Dana Reyes", "dana@acme-outdoor.test");
        var sequenceId = await CreateSequenceAsync();
        RenderInteractively();
        Render<MudPopoverProvider>();
        var cut = Render<EnrolmentsPanel>(p => p.Add(c => c.SequenceId, sequenceId));
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("Nobody is in this sequence yet"));

        // The autocomplete's own search is the enrolment service's; pick what it offers for "dana".
        var candidates = await Scoped.GetRequiredService<EnrolmentService>().CandidatesAsync(sequenceId, "dana");
        candidates.Should().ContainSingle(c => c.Id == contact);
        await cut.InvokeAsync(() => cut.FindComponent<MudAutocomplete<EnrolCandidate>>().Instance.SelectOptionAsync(candidates[0]));
        cut.WaitForAssertion(() => cut.Find("[data-testid=enrol]").HasAttribute("disabled").Should().BeFalse());
        cut.Find("[data-testid=enrol]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=enrolments]").TextContent.Should().Contain("Dana Reyes").And.Contain("Acme Outdoor Supply"));
        (await QueryAsync(db => db.Enrolments.SingleAsync())).State.Should().Be(EnrolmentState.Active);

        cut.Find("[data-testid=enrolments] input[type=checkbox]").Change(true);
        cut.Find("[data-testid=pause]").Click();
        cut.WaitForAssertion(async () => (await QueryAsync(db => db.Enrolments.SingleAsync())).State.Should().Be(EnrolmentState.Paused));
        cut.WaitForAssertion(() => cut.Find("[data-testid=enrolments]").TextContent.Should().Contain("Paused"));
    }

    private async Task<Guid> AddContactAsync(string name, string email)
    {
        var acme = await QueryAsync(db => db.Companies.Where(c => c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
        return await OutreachSeed.ContactAsync(Scoped, acme, UserId, name, email);
    }

    private Task<Guid> CreateSequenceAsync() => OutreachSeed.SequenceAsync(Scoped, UserId);
}
