using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using PartnerForge.Domain.Contacts;
using PartnerForge.Domain.Outreach;
using PartnerForge.Infrastructure.Contacts;
using PartnerForge.Infrastructure.Outreach;
using PartnerForge.Tests.Support;

namespace PartnerForge.Tests.Browser;

/// <summary>
/// A rep's outreach, end to end in Chromium against the real app, a real SMTP server, a real IMAP server (dovecot) and a
/// clock the test moves: people in three time zones imported from CSV, a 3-step sequence built in the editor, enrolment
/// from the contacts grid, e-mails that reach the SMTP server only inside each person's working hours on working days, an
/// unsubscribe from the e-mail's own link that stops every sequence for that address, a reply read from the mailbox that
/// ends the enrolment and alerts the rep, and an admin's export and erasure of a person.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OutreachJourneyBrowserTests(BrowserFixture browser) : BrowserTest(browser, new ClockedApp())
{
    private static readonly (string Name, string Email, string Zone)[] People =
    [
        ("Lena Vogel", "lena@vogel-logistik.example", "Europe/Berlin"),
        ("Ken Sato", "ken@sato-shipping.example", "Asia/Tokyo"),
        ("Maya Ortiz", "maya@ortiz-outdoor.example", "America/Los_Angeles"),
    ];

    private readonly SmtpServer _smtp = new();
    private readonly PartnerForge.Tests.Infrastructure.Outreach.DovecotServer _imap = new();

    private MovableClock Clock => ((ClockedApp)App).Clock;

    public override async Task InitializeAsync()
    {
        await _smtp.InitializeAsync();
        await _imap.InitializeAsync();
        foreach (var (key, value) in _imap.Settings)
        {
            App.Settings[key] = value;
        }

        App.Settings["Outreach:Imap:PollIntervalSeconds"] = "3600";
        App.Settings["Smtp:Enabled"] = "true";
        App.Settings["Smtp:Host"] = "127.0.0.1";
        App.Settings["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Smtp:Security"] = "None";
        App.Settings["Smtp:PublicBaseUrl"] = "https://forge.example.com/";
        App.Settings["Outreach:DispatchIntervalSeconds"] = "3600";
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _smtp.DisposeAsync();
        await _imap.DisposeAsync();
    }

    [Fact]
    public async Task A_rep_imports_people_builds_a_sequence_enrols_them_and_each_gets_it_in_their_own_hours_until_they_unsubscribe_reply_or_are_erased()
    {
        var (tenant, rep) = await RepAsync();
        var page = await SignedInPageAsync("rep@northwind.test", "/accounts/import?kind=contacts");
        await ImportPeopleAsync(page);
        Clock.Set(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)); // Tuesday 1 December, 09:00 UTC
        await page.GotoAsync(BaseUrl + "/sequences/new");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);

        // Build the sequence in the editor: e-mail, wait two business days, e-mail again unless they replied.
        await page.Locator("#sequence-name").FillAsync("Journey openers");
        await page.Locator("#step-0-subject").FillAsync("{{first_name}}, a question about {{account_name}}");
        await page.Locator("#step-0-body").FillAsync("Hi {{first_name}},\n\nHow do you plan peak season? https://example.com/case-study\n\n{{sender_name}}");
        await page.GetByTestId("add-wait").ClickAsync();
        await page.Locator("#step-1-wait").FillAsync("2");
        await page.GetByTestId("add-email").ClickAsync();
        await page.Locator("#step-2-subject").FillAsync("Following up, {{first_name}}");
        await page.Locator("#step-2-body").FillAsync("Hi {{first_name}}, did my note reach you?");
        await page.GetByTestId("preview-step-0").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-preview")).ToContainTextAsync(", a question about ");
        await page.GetByTestId("save-sequence").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/sequences/[0-9a-f-]{36}\?tab=people$"));
        await BrowserFixture.ScreenshotAsync(page, "outreach/sequence-saved", fullPage: false);

        // Enrol everyone on the first page of contacts from the grid.
        await page.GotoAsync(BaseUrl + "/contacts?sort=name");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("contacts-grid")).ToContainTextAsync("Lena Vogel");
        foreach (var (name, _, _) in People)
        {
            await page.GetByLabel($"Select {name}").CheckAsync();
        }

        await page.GetByTestId("enrol-selected").ClickAsync();
        await page.GetByTestId("enrol-sequence").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Journey openers" }).ClickAsync();
        await page.GetByTestId("enrol-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("contacts-grid")).ToContainTextAsync("Journey openers");
        await BrowserFixture.ScreenshotAsync(page, "outreach/contacts-enrolled", fullPage: false);
        (await App.QueryAsync(db => db.Enrolments.IgnoreQueryFilters().CountAsync())).Should().Be(3);

        // Lena is in a second sequence too: an unsubscribe must stop both.
        await using (var scope = Scope(tenant, rep))
        {
            var nurture = (await scope.ServiceProvider.GetRequiredService<SequenceService>().CreateAsync(new SequenceInput("Nurture", new TimeOnly(9, 0), new TimeOnly(16, 0),
                [new StepInput(StepKind.Wait, WaitDays: 3), new StepInput(StepKind.Email, Subject: "News", Body: "Some news.")]), rep)).Value;
            var lena = await App.QueryAsync(db => db.Contacts.IgnoreQueryFilters().Where(c => c.FullName == "Lena Vogel").Select(c => c.Id).SingleAsync());
            (await scope.ServiceProvider.GetRequiredService<EnrolmentService>().EnrolAsync(nurture, [lena], rep)).Value!.Enrolled.Should().Be(1);
        }

        // Tuesday 1 December, 09:00 UTC onwards, half an hour at a time until Wednesday 00:00 UTC: every first e-mail goes.
        await RunClockAsync(tenant, until: new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        var first = Received();
        first.Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo(People.Select(p => p.Email));
        first.Single(m => To(m) == "lena@vogel-logistik.example").Date.UtcDateTime.Should().Be(new DateTime(2026, 12, 1, 9, 0, 0), "10:00 in Berlin is inside the window");
        first.Single(m => To(m) == "maya@ortiz-outdoor.example").Date.UtcDateTime.Should().Be(new DateTime(2026, 12, 1, 16, 0, 0), "08:00 in Los Angeles");
        first.Single(m => To(m) == "ken@sato-shipping.example").Date.UtcDateTime.Should().Be(new DateTime(2026, 12, 1, 23, 0, 0), "08:00 on Wednesday in Tokyo");
        first.Single(m => To(m) == "maya@ortiz-outdoor.example").Subject.Should().Be("Maya, a question about Acme Outdoor Supply");

        // Lena clicks "unsubscribe" in her e-mail: the page asks, she confirms.
        var link = new Uri(first.Single(m => To(m) == "lena@vogel-logistik.example").Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        var mail = await Browser.NewPageAsync();
        await mail.GotoAsync(BaseUrl + link);
        await mail.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();
        await Assertions.Expect(mail.Locator("h1")).ToContainTextAsync("You are unsubscribed");
        var lenaStates = await App.QueryAsync(db => db.Enrolments.IgnoreQueryFilters()
            .Join(db.Contacts.IgnoreQueryFilters().Where(c => c.FullName == "Lena Vogel"), e => e.ContactId, c => c.Id, (e, _) => e.State).ToListAsync());
        lenaStates.Should().HaveCount(2).And.OnlyContain(s => s == EnrolmentState.Stopped, "every sequence stops for an unsubscribed address");

        // Ken answers from Tokyo: the reply lands in the sending mailbox, read over IMAP; his enrolment ends and the rep is alerted.
        var toKen = first.Single(m => To(m) == "ken@sato-shipping.example");
        await _imap.AppendAsync(Reply(toKen));
        (await App.Services.GetRequiredService<IInboundMailbox>().PollAsync()).Replies.Should().Be(1);
        var ken = await App.QueryAsync(db => db.Enrolments.IgnoreQueryFilters()
            .Join(db.Contacts.IgnoreQueryFilters().Where(c => c.FullName == "Ken Sato"), e => e.ContactId, c => c.Id, (e, _) => e).SingleAsync());
        (ken.State, ken.StopReason).Should().Be((EnrolmentState.Stopped, StopReason.Replied));

        // On through the following Monday: Maya gets the follow-up two business days later, inside her hours; Lena and Ken nothing more.
        await RunClockAsync(tenant, until: new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero));
        var all = Received();
        all.Count(m => To(m) == "lena@vogel-logistik.example").Should().Be(1);
        all.Count(m => To(m) == "ken@sato-shipping.example").Should().Be(1, "a reply ends the sequence");
        all.Count(m => To(m) == "maya@ortiz-outdoor.example").Should().Be(2);
        all.Select(m => m.MessageId).Should().OnlyHaveUniqueItems("each step is sent once");
        foreach (var message in all)
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(People.Single(p => p.Email == To(message)).Zone);
            var local = TimeZoneInfo.ConvertTimeFromUtc(message.Date.UtcDateTime, zone);
            local.DayOfWeek.Should().NotBe(DayOfWeek.Saturday).And.NotBe(DayOfWeek.Sunday);
            TimeOnly.FromDateTime(local).Should().BeOnOrAfter(new TimeOnly(8, 0)).And.BeBefore(new TimeOnly(17, 0), $"{To(message)} got it at {local:ddd HH:mm} local time");
        }

        var follow = all.Single(m => To(m) == "maya@ortiz-outdoor.example" && m.Subject!.StartsWith("Following up", StringComparison.Ordinal));
        follow.Date.UtcDateTime.Should().Be(new DateTime(2026, 12, 3, 16, 0, 0), "two business days after Tuesday 08:00 in Los Angeles is Thursday 08:00 there");

        // A week has passed on the app's clock, longer than a sign-in lasts: the rep signs in again to read the report.
        page = await SignedInPageAsync("rep@northwind.test", "/sequences");
        await page.GetByRole(AriaRole.Link, new() { Name = "Journey openers" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Report" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?tab=report$"));
        await Assertions.Expect(page.GetByTestId("sequence-figures")).ToContainTextAsync("Unsubscribed");
        await BrowserFixture.ScreenshotAsync(page, "outreach/sequence-report", fullPage: false);
        await page.GotoAsync(BaseUrl + "/alerts");
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        await Assertions.Expect(page.GetByText("Ken Sato replied to").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "outreach/reply-alert", fullPage: false);

        await ExportAndEraseLenaAsync(tenant);
    }

    /// <summary>Lena asks for her data, then to be forgotten: an admin exports it and erases her; only a hashed suppression entry stays.</summary>
    private async Task ExportAndEraseLenaAsync(Guid tenant)
    {
        var acme = await App.QueryAsync(db => db.Companies.IgnoreQueryFilters().Where(c => c.TenantId == tenant && c.Name == "Acme Outdoor Supply").Select(c => c.Id).SingleAsync());
        var admin = await SignedInPageAsync("admin@northwind.test", $"/accounts/{acme}?tab=contacts");
        await admin.GetByLabel("Privacy requests for Lena Vogel").ClickAsync();
        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("export-contact").ClickAsync());
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!);
        exported.Should().Contain("Lena Vogel").And.Contain("lena@vogel-logistik.example").And.Contain("Journey openers");

        await admin.GetByLabel("Privacy requests for Lena Vogel").ClickAsync();
        await admin.GetByTestId("erase-contact").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("erase-kept")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "outreach/erase-dialog", fullPage: false);
        await admin.GetByTestId("erase-confirm").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("contacts-table")).Not.ToContainTextAsync("Lena Vogel");

        (await App.QueryAsync(db => db.Contacts.IgnoreQueryFilters().AnyAsync(c => c.FullName == "Lena Vogel"))).Should().BeFalse();
        (await App.QueryAsync(db => db.ChangeEvents.IgnoreQueryFilters().AnyAsync(c => c.Path.Contains("Lena") || (c.NewValue != null && c.NewValue.Contains("Lena"))))).Should().BeFalse();
        await using var scope = Scope(tenant);
        (await scope.ServiceProvider.GetRequiredService<SuppressionList>().ContainsAsync("lena@vogel-logistik.example")).Should().BeTrue();
        (await App.QueryAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.TenantId == tenant && a.Action == PartnerForge.Domain.Auditing.AuditAction.Erased))).Should().BeTrue();
    }

    private static MimeMessage Reply(MimeMessage to)
    {
        var reply = new MimeMessage { Subject = "Re: " + to.Subject, InReplyTo = to.MessageId };
        reply.References.Add(to.MessageId!);
        reply.From.Add(new MailboxAddress("Ken Sato", "ken@sato-shipping.example"));
        reply.To.Add(new MailboxAddress("Riley Rep", PartnerForge.Tests.Infrastructure.Outreach.DovecotServer.UserName));
        reply.Body = new TextPart("plain") { Text = "Thanks, Riley. Let's talk in January.\n\n> Hi Ken," };
        return reply;
    }

    private async Task RunClockAsync(Guid tenant, DateTimeOffset until)
    {
        while (Clock.GetUtcNow() < until)
        {
            await using (var scope = Scope(tenant))
            {
                await scope.ServiceProvider.GetRequiredService<SequenceDispatcher>().RunAsync();
            }

            Clock.Advance(TimeSpan.FromMinutes(30));
        }
    }

    private async Task<(Guid Tenant, Guid Rep)> RepAsync()
    {
        var rep = await App.QueryAsync(db => db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == "rep@northwind.test"));
        return (rep.TenantId, rep.Id);
    }

    /// <summary>The rep imports the three people from a CSV file (a fourth row, without a usable address, goes to the error file).</summary>
    private async Task ImportPeopleAsync(IPage page)
    {
        var file = Path.Combine(TestEnvironment.NewDirectory("contacts"), "logistics-leads.csv");
        var lines = new List<string> { "First Name,Last Name,E-mail,Job Title,Time zone,Company Domain,Lawful basis" };
        lines.AddRange(People.Select(p => $"{p.Name.Split(' ')[0]},{p.Name.Split(' ')[1]},{p.Email},Head of Logistics,{p.Zone},acme-outdoor.test,Legitimate interest"));
        lines.Add("Noah,Nomail,noah-at-nowhere,Buyer,Europe/Paris,acme-outdoor.test,Legitimate interest");
        await File.WriteAllLinesAsync(file, lines);

        await Assertions.Expect(page.GetByTestId("import-kind-contacts")).ToHaveAttributeAsync("aria-pressed", "true");
        // The upload box is rendered again once the page knows it imports contacts; choose the file on the live one.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        for (var attempt = 0; attempt < 3 && await page.GetByTestId("import-preview").CountAsync() == 0; attempt++)
        {
            await page.GetByTestId("import-file").SetInputFilesAsync(file);
            await page.GetByTestId("import-preview").WaitForAsync(new() { Timeout = 5000 }).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await Assertions.Expect(page.GetByTestId("import-preview")).ToContainTextAsync("Lena");
        await BrowserFixture.ScreenshotAsync(page, "outreach/contacts-import-mapping", fullPage: false);
        await page.GetByTestId("import-start").ClickAsync();

        // The import runs as a job; once it is done the history shows its counts.
        for (var i = 0; i < 120 && !await App.QueryAsync(db => db.ImportJobs.IgnoreQueryFilters().AnyAsync(j => j.State == PartnerForge.Domain.Accounts.Import.ImportJobState.Completed)); i++)
        {
            await Task.Delay(500);
        }

        await page.ReloadAsync();
        await ShellBrowserTests.WaitForLiveCircuitAsync(page);
        var row = page.GetByTestId("import-row").First;
        await Assertions.Expect(row.GetByTestId("import-state")).ToHaveTextAsync("Completed");
        await Assertions.Expect(row.GetByTestId("import-created")).ToHaveTextAsync("3");
        await Assertions.Expect(row.GetByTestId("import-errors")).ToContainTextAsync("1");
        (await App.QueryAsync(db => db.Contacts.IgnoreQueryFilters().Select(c => c.TimeZone).ToListAsync())).Should().BeEquivalentTo(People.Select(p => p.Zone));
    }

    private List<MimeMessage> Received() =>
        _smtp.Messages().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw)))).ToList();

    private static string To(MimeMessage message) => message.To.Mailboxes.Single().Address;

    /// <summary>
    /// Real time until the test sets a date, then that date, moved only by the test. Timers and delays always run in real
    /// time (a live page's throttles and file uploads wait on them). Quartz reads this clock too, and fires a trigger
    /// made with StartNow by real time, so jobs (the import) run before the clock is set.
    /// </summary>
    private sealed class MovableClock : TimeProvider
    {
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => Interlocked.Read(ref _ticks) is var t && t == 0 ? System.GetUtcNow() : new(t, TimeSpan.Zero);

        public void Set(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    /// <summary>The app on a clock the test moves.</summary>
    private sealed class ClockedApp : PartnerForgeApp
    {
        public MovableClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }
}
