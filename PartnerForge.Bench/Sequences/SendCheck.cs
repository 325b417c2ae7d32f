using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit.Utils;

namespace PartnerForge.Bench.Sequences;

/// <summary>
/// What the SMTP server received, judged on its own terms: who each message went to (the bench's own list of people and
/// zones), which step it was (its subject starts "Step 1:" or "Step 2:") and when it went (the simulated clock of the run
/// it arrived in, converted with <see cref="TimeZoneInfo"/>). Nothing here asks the dispatcher or the send calendar.
/// </summary>
internal sealed partial record SendCheck(int Received, int OutOfWindow, int Duplicates, int Missing, int SameMessageId, int DateHeaderMatchesClock,
    double AverageBytes, IReadOnlyList<string> Examples)
{
    public static SendCheck Of(IReadOnlyList<(ReceivedMessage Message, DateTime ClockUtc)> received, IReadOnlyList<BenchPerson> people, DateOnly holiday,
        TimeOnly windowStart, TimeOnly windowEnd)
    {
        var zones = people.ToDictionary(p => p.Email, p => p.Zone, StringComparer.OrdinalIgnoreCase);
        var examples = new List<string>();
        var outOfWindow = 0;
        var dateMatches = 0;
        var steps = new Dictionary<(string, int), int>();
        foreach (var (message, clockUtc) in received)
        {
            if (!zones.TryGetValue(message.Recipient, out var zone))
            {
                throw new InvalidOperationException($"The server received a message for {message.Recipient}, whom the bench never enrolled.");
            }

            var step = StepOf(message.Subject);
            steps[(message.Recipient, step)] = steps.GetValueOrDefault((message.Recipient, step)) + 1;
            var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(clockUtc, DateTimeKind.Utc), zone);
            var time = TimeOnly.FromDateTime(local);
            var day = DateOnly.FromDateTime(local);
            if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || day == holiday || time < windowStart || time >= windowEnd)
            {
                outOfWindow++;
                Example(examples, $"out of window: step {step} to {message.Recipient} at {local:ddd yyyy-MM-dd HH:mm} {zone.Id} ({clockUtc:yyyy-MM-dd HH:mm} UTC)");
            }

            if (DateUtils.TryParse(message.DateHeader, out DateTimeOffset date) && Math.Abs((date.UtcDateTime - clockUtc).TotalMinutes) < 1)
            {
                dateMatches++;
            }
        }

        foreach (var ((to, step), count) in steps.Where(s => s.Value > 1))
        {
            Example(examples, $"duplicate: step {step} reached {to} {count} times");
        }

        var missing = people.Count * 2 - steps.Count;
        var sameId = received.Count - received.Select(r => r.Message.MessageId).Distinct(StringComparer.Ordinal).Count();
        var bytes = received.Count == 0 ? 0 : received.Average(r => r.Message.Bytes);
        return new SendCheck(received.Count, outOfWindow, steps.Values.Sum(c => c - 1), missing, sameId, dateMatches, bytes, examples);
    }

    private static int StepOf(string subject)
    {
        var match = StepPrefix().Match(subject);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The server received a message whose subject names no step: {subject}");
    }

    private static void Example(List<string> examples, string line)
    {
        if (examples.Count < 10)
        {
            examples.Add(line);
        }
    }

    [GeneratedRegex(@"^Step (\d+):", RegexOptions.CultureInvariant)]
    private static partial Regex StepPrefix();
}
