using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PartnerForge.Domain.Outreach;

namespace PartnerForge.Bench.Sequences;

/// <summary>
/// The baseline: the same number of messages, of the shape the dispatcher sends (text and HTML alternatives, signed-looking
/// tracking and unsubscribe links of the same length, the RFC 8058 headers), pushed by MailKit straight to the same
/// server over the same number of connections, each reused for its share. No database, no calendar, no templates.
/// </summary>
internal static class RawSmtp
{
    public sealed record Result(int Count, double Seconds, double AverageBytes);

    public static async Task<Result> RunAsync(SmtpRecorder smtp, int count, int connections, double dispatchedBytes)
    {
        if (count == 0)
        {
            return new Result(0, 1, 0);
        }

        // Links as long as the product's signed ones (a data-protection token is a few hundred characters).
        var token = new string('x', 270);
        var body = "Hello Ada,\n\nTeams like Company 00042 Ltd on your stack cut their onboarding time in half: https://example.com/case-study\n\nWould a short call next week help?\n\nRep 001 Sender";
        var unsubscribe = $"https://forge.example.com/t/u/{token}";
        var text = $"{body}\n\n--\nIf you would rather not hear from Rep 001 Sender again: {unsubscribe}";
        var html = MergeTemplate.ToHtml(body, _ => $"https://forge.example.com/t/c/{token}")
            + $"<p style=\"color:#6b6b6b;font-size:12px\">If you would rather not hear from Rep 001 Sender again, <a href=\"{unsubscribe}\">unsubscribe</a>.</p>\n"
            + $"<img src=\"https://forge.example.com/t/o/{token}.gif\" width=\"1\" height=\"1\" alt=\"\">";
        var shares = Enumerable.Range(0, Math.Min(connections, count)).Select(c => Enumerable.Range(0, count).Where(n => n % connections == c).ToList()).ToList();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(shares.Select(share => SendShareAsync(smtp.Port, share, text, html, unsubscribe)));
        clock.Stop();
        var received = smtp.ReadNew();
        if (received.Count != count)
        {
            throw new InvalidOperationException($"The server received {received.Count:N0} of the {count:N0} raw messages.");
        }

        var bytes = received.Average(m => m.Bytes);
        if (Math.Abs(bytes - dispatchedBytes) > dispatchedBytes * 0.25)
        {
            Console.Error.WriteLine($"warning: raw messages average {bytes:0} bytes against the dispatcher's {dispatchedBytes:0}");
        }

        return new Result(count, clock.Elapsed.TotalSeconds, bytes);
    }

    private static async Task SendShareAsync(int port, List<int> share, string text, string html, string unsubscribe)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        foreach (var n in share)
        {
            var message = new MimeMessage { Subject = $"Step 1: a question for Company {n % 5000:00000} Ltd", MessageId = $"{Guid.NewGuid():N}@partnerforge" };
            message.From.Add(new MailboxAddress("Rep 001 Sender", "rep1@sales.bench.example"));
            message.To.Add(MailboxAddress.Parse($"raw{n}@company-{n % 5000}.bench.example"));
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
            await client.SendAsync(message);
        }

        await client.DisconnectAsync(quit: true);
    }
}
