using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Tests.Support;
using PartnerForge.Web.Components.Pages.Admin;
using PartnerForge.Web.Components.Pages.Sequences;

namespace PartnerForge.Tests.Web.Components.Sequences;

/// <summary>The rep's outreach tasks (open manual steps, marked done) and the admin's sending rules and suppression counts, over SQLite.</summary>
public sealed class OutreachAdminAndTasksTests : DatabaseComponentTest
{
    protected override string UserEmail => "admin@northwind.test";

    [Fact]
    public async Task An_open_call_task_is_listed_with_its_note_and_leaves_the_list_once_done()
    {
        var touch = await OpenCallTaskAsync();
        RenderInteractively();
        var cut = Render<OutreachTasksPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=tasks]").TextContent.Should().Contain("Call").And.Contain("Ask about the Leeds warehouse")
            .And.Contain("Dana Reyes").And.Contain("+1 303 555 0100").And.Contain("Acme Outdoor Supply").And.Contain("Openers, step 2"));
        cut.Find("[data-testid=task-done]").GetAttribute("aria-label").Should().Be("Mark done: Call with Dana Reyes");
        cut.Find("[data-testid=task-done]").Click();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("No tasks waiting"));
        var done = await QueryAsync(db => db.Touches.SingleAsync(t => t.Id == touch));
        done.State.Should().Be(TouchState.TaskDone);
        done.CompletedAtUtc.Should().NotBeNull();
        (await Scoped.GetRequiredService<OutreachTasks>().CompleteAsync(touch)).Succeeded.Should().BeFalse("a task is done once");
    }

    [Fact]
    public async Task Sending_rules_refuse_a_bad_holiday_keeping_the_text_and_save_good_ones_with_suppression_counts_shown()
    {
        await Scoped.GetRequiredService<SuppressionList>().AddAsync("gone@example.test", SuppressionReason.Unsubscribed);
        await Scoped.GetRequiredService<SuppressionList>().AddAsync("bounced@example.test", SuppressionReason.Bounced);
        RenderInteractively();
        var cut = Render<OutreachSettingsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=suppression-counts]").TextContent.Should().Contain("Unsubscribed").And.Contain("Bounced").And.Contain("In all2"));

        cut.Find("#outreach-cap").Change("150");
        cut.Find("#outreach-holidays").Change("2026-12-25\n26/12/2026");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => cut.Markup.Should().Contain("“26/12/2026” is not a date: write each holiday as 2026-12-25."));
        cut.Find("#outreach-holidays").GetAttribute("value").Should().Contain("26/12/2026", "nothing typed is lost");
        (await Scoped.GetRequiredService<OutreachSettingsService>().GetAsync()).DailyCapPerMailbox.Should().Be(OutreachSettings.DefaultDailyCap);

        cut.Find("#outreach-holidays").Change("2026-12-25\n2026-12-26");
        cut.Find("form").Submit();
        cut.WaitForAssertion(async () =>
        {
            var saved = await Scoped.GetRequiredService<OutreachSettingsService>().GetAsync();
            saved.DailyCapPerMailbox.Should().Be(150);
            saved.Holidays.Should().BeEquivalentTo([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26)]);
        });
    }

    private async Task<Guid> OpenCallTaskAsync()
    {
        var acme = await QueryAsync(db => db.Companies.Where(c => c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
        var contact = await OutreachSeed.ContactAsync(Scoped, acme, UserId, "Dana Reyes", "dana@acme-outdoor.test", phone: "+1 303 555 0100");
        var sequence = await OutreachSeed.SequenceAsync(Scoped, UserId, "Openers",
            new StepInput(StepKind.Email, Subject: "Hello {{first_name}}", Body: "Hi {{first_name}}"),
            new StepInput(StepKind.Task, Task: TaskKind.Call, Note: "Ask about the Leeds warehouse"));
        (await Scoped.GetRequiredService<EnrolmentService>().EnrolAsync(sequence, [contact], UserId)).Succeeded.Should().BeTrue();

        // Arrange what the dispatcher does when step 2 comes due: it opens the task.
        await using var db = await Scoped.GetRequiredService<IDbContextFactory<PartnerForge.Infrastructure.Persistence.PartnerForgeDbContext>>().CreateDbContextAsync();
        var enrolment = await db.Enrolments.SingleAsync();
        var touch = new Touch(enrolment, 1, StepKind.Task, TouchState.TaskOpen, DateTime.UtcNow);
        db.Touches.Add(touch);
        await db.SaveChangesAsync();
        return touch.Id;
    }
}
